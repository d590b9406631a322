// The click-to-door service term: every second from the customer's order to the door costs `costPerS`, and every
// second past the target costs `overTargetCostPerS` more, so the solver weighs a customer's wait against courier time.
import type { CompiledProblem } from '../../model/compiled-problem.js';
import type { DeliveryTerm } from './delivery-terms.js';

export function clickToDoorTerm(p: CompiledProblem): DeliveryTerm | null {
  const c2d = p.clickToDoor;
  if (c2d === null || (c2d.costPerS === 0 && c2d.overTargetCostPerS === 0)) return null;
  const { costPerS, targetS, overTargetCostPerS } = c2d;
  const createdS = p.orderCreatedS;
  return {
    name: 'click_to_door',
    cost(o: number, serviceStartS: number): number {
      const waitS = serviceStartS - createdS[o];
      if (waitS <= 0) return 0;
      return costPerS * waitS + (waitS > targetS ? overTargetCostPerS * (waitS - targetS) : 0);
    },
    slope(o: number, serviceStartS: number): number {
      const waitS = serviceStartS - createdS[o];
      if (waitS < 0) return 0;
      return waitS >= targetS ? costPerS + overTargetCostPerS : costPerS;
    },
  };
}
