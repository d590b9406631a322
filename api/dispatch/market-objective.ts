// A market's dispatch objective weights (snake_case, as stored and sent over the API) as the core's settings.
import { DISPATCH_DEFAULTS, STALL_WALKING, type DispatchConfigInput } from '../../engine/index.js';
import type { DispatchObjective } from '../schemas/markets.js';

/** The core settings for `objective` on top of `base` (the service's settings, else the engine's defaults). */
export function objectiveConfig(objective: DispatchObjective, base: DispatchConfigInput = {}): DispatchConfigInput {
  const c2d = base.clickToDoor === undefined ? DISPATCH_DEFAULTS.clickToDoor : base.clickToDoor;
  const walking = base.stallWalking ?? STALL_WALKING; // the engine's default floor
  const told = base.toldHour === undefined ? DISPATCH_DEFAULTS.toldHour : base.toldHour;
  const touchesC2d = objective.click_to_door_cost_per_s !== undefined || objective.click_to_door_target_s !== undefined || objective.over_target_cost_per_s !== undefined;
  return {
    ...(touchesC2d ? {
      clickToDoor: {
        costPerS: objective.click_to_door_cost_per_s ?? c2d?.costPerS ?? 0,
        targetS: objective.click_to_door_target_s ?? c2d?.targetS ?? 0,
        overTargetCostPerS: objective.over_target_cost_per_s ?? c2d?.overTargetCostPerS ?? 0,
      },
    } : {}),
    ...(objective.lateness_cost_per_s !== undefined ? { latenessCostPerS: objective.lateness_cost_per_s } : {}),
    ...(objective.stability_cost !== undefined ? { stabilityCost: objective.stability_cost } : {}),
    ...(objective.idle_queue_step_cost !== undefined ? { idleQueueStepCost: objective.idle_queue_step_cost } : {}),
    ...(objective.earnings_balance_cost_per_rp !== undefined ? { earningsBalanceCostPerRp: objective.earnings_balance_cost_per_rp } : {}),
    ...(objective.price_ride_back !== undefined ? { priceRideBack: objective.price_ride_back } : {}),
    ...(objective.told_hour_slack_s !== undefined || objective.told_hour_cost_per_s !== undefined ? {
      toldHour: {
        slackMs: (objective.told_hour_slack_s ?? (told ? told.slackMs / 1000 : 0)) * 1000,
        costPerS: objective.told_hour_cost_per_s ?? told?.costPerS ?? 0,
      },
    } : {}),
    ...(objective.stall_walking_speed_mps !== undefined || objective.parking_s !== undefined ? {
      stallWalking: {
        walkingSpeedMps: objective.stall_walking_speed_mps ?? walking.walkingSpeedMps,
        parkingS: objective.parking_s ?? walking.parkingS,
      },
    } : {}),
  };
}
