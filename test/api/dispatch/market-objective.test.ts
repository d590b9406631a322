import { describe, expect, it } from 'vitest';
import { objectiveConfig } from '../../../api/dispatch/market-objective.js';

describe("a market's dispatch settings as the core's", () => {
  it('sets the pasar floor from the walking speed and parking time, the other from the service or the default', () => {
    expect(objectiveConfig({ stall_walking_speed_mps: 0.8 }).stallWalking).toEqual({ walkingSpeedMps: 0.8, parkingS: 60 });
    expect(objectiveConfig({ parking_s: 180 }, { stallWalking: { walkingSpeedMps: 1.2, parkingS: 30 } }).stallWalking).toEqual({ walkingSpeedMps: 1.2, parkingS: 180 });
    expect(objectiveConfig({ lateness_cost_per_s: 10 })).toEqual({ latenessCostPerS: 10 });
  });

  it('turns the ride back to the market on or off as the market says, and leaves it to the default otherwise', () => {
    expect(objectiveConfig({ price_ride_back: true })).toEqual({ priceRideBack: true });
    expect(objectiveConfig({ price_ride_back: false }, { priceRideBack: true })).toEqual({ priceRideBack: false });
    expect(objectiveConfig({})).not.toHaveProperty('priceRideBack');
  });

  it('keeps told hours with the market\'s slack and cost, the other from the service or the default; cost 0 turns it off', () => {
    expect(objectiveConfig({ told_hour_slack_s: 600 }, { toldHour: { slackMs: 300_000, costPerS: 4 } }).toldHour).toEqual({ slackMs: 600_000, costPerS: 4 });
    expect(objectiveConfig({ told_hour_cost_per_s: 0 }, { toldHour: { slackMs: 300_000, costPerS: 4 } }).toldHour).toEqual({ slackMs: 300_000, costPerS: 0 });
    expect(objectiveConfig({ told_hour_cost_per_s: 2 }, { toldHour: null }).toldHour).toEqual({ slackMs: 0, costPerS: 2 });
    expect(objectiveConfig({})).not.toHaveProperty('toldHour');
  });
});
