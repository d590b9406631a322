// The told-hour service term: once a customer has been told when its courier reaches the door, every second the
// door comes later than that hour plus a slack costs `costPerS`, so later plans keep the hour unless it pays.
import type { CompiledProblem } from '../../model/compiled-problem.js';
import type { DeliveryTerm } from './delivery-terms.js';

export function toldHourTerm(p: CompiledProblem): DeliveryTerm | null {
  const told = p.toldHour;
  if (told === null || told.costPerS === 0 || !p.orderToldArrivalS.some(Number.isFinite)) return null;
  const { slackS, costPerS } = told;
  const toldS = p.orderToldArrivalS;
  return {
    name: 'told_hour',
    cost(o: number, serviceStartS: number): number {
      const pastS = serviceStartS - toldS[o] - slackS;
      return pastS > 0 ? costPerS * pastS : 0;
    },
    slope(o: number, serviceStartS: number): number {
      return serviceStartS - toldS[o] - slackS >= 0 ? costPerS : 0;
    },
  };
}
