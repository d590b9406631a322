// The one list of order-level local search operators: drives the search, the tests and the statistics.
import { exchangeOperator } from './exchange.js';
import type { OrderOperator } from './operator.js';
import { relocateOperator } from './relocate.js';
import { resequenceOperator } from './resequence.js';
import { routeEliminationOperator } from './route-elimination.js';

export const OPERATORS: readonly OrderOperator[] = [routeEliminationOperator, relocateOperator, exchangeOperator, resequenceOperator];

export { newMove, type Move, type OrderOperator } from './operator.js';
export { exchangeOperator, relocateOperator, resequenceOperator, routeEliminationOperator };
