// The one list of order-level local search operators: drives the search, the tests and the statistics.
import { exchangeOperator } from './exchange.js';
import type { OrderOperator } from './operator.js';
import { orOptOperator } from './or-opt.js';
import { relocateOperator } from './relocate.js';
import { resequenceOperator } from './resequence.js';
import { routeEliminationOperator } from './route-elimination.js';
import { twoOptStarOperator } from './two-opt-star.js';

/** Route elimination first (the search's local search skips it: it runs it on its own schedule). */
export const OPERATORS: readonly OrderOperator[] = [routeEliminationOperator, relocateOperator, exchangeOperator, twoOptStarOperator, resequenceOperator, orOptOperator];

export { newMove, reservePlan, type Move, type OrderOperator } from './operator.js';
export { exchangeOperator, orOptOperator, relocateOperator, resequenceOperator, routeEliminationOperator, twoOptStarOperator };
