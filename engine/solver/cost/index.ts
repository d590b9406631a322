// The solver's cost evaluator and tolerance.
export { CostModel, costModelOf } from './cost-model.js';
export type { DeliveryTerm } from './delivery-terms.js';
export { TOLERANCE, exceedsLimit, isImprovement } from './tolerance.js';
