// Delivery fee of one order from the market's tariff: base + per km of the delivery leg, clamped, integer rupiah.
import { InputError } from '../errors.js';
import type { Tariff } from './dispatch-config.js';

/** Fee for a delivery leg of `deliveryLegM` metres; non-finite legs (no route) cost the maximum. */
export function orderFeeRp(deliveryLegM: number, tariff: Tariff): number {
  if (tariff.minRp > tariff.maxRp) throw new InputError('tariff_range', `tariff minRp ${tariff.minRp} exceeds maxRp ${tariff.maxRp}`, 'tariff');
  if (!Number.isFinite(deliveryLegM)) return Math.round(tariff.maxRp);
  const rawRp = tariff.baseRp + (tariff.perKmRp * Math.max(0, deliveryLegM)) / 1000;
  return Math.round(Math.min(tariff.maxRp, Math.max(tariff.minRp, rawRp)));
}
