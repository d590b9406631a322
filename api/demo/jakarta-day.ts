import { Prng, offsetPoint } from '../../engine/index.js';
// The demo's Jakarta market day: ten fixture markets, pasar goods with prices and weights, and seeded randomness.

export interface DemoMarket {
  readonly name: string;
  readonly lon: number;
  readonly lat: number;
}

export const JAKARTA_MARKETS: readonly DemoMarket[] = [
  { name: 'Pasar Senen', lat: -6.1737, lon: 106.8442 },
  { name: 'Pasar Baru', lat: -6.1628, lon: 106.834 },
  { name: 'Pasar Tanah Abang', lat: -6.1865, lon: 106.8134 },
  { name: 'Pasar Jatinegara', lat: -6.2146, lon: 106.8703 },
  { name: 'Pasar Minggu', lat: -6.2843, lon: 106.8424 },
  { name: 'Pasar Induk Kramat Jati', lat: -6.271, lon: 106.866 },
  { name: 'Pasar Rawamangun', lat: -6.1955, lon: 106.889 },
  { name: 'Pasar Santa', lat: -6.2394, lon: 106.804 },
  { name: 'Pasar Mayestik', lat: -6.2424, lon: 106.7975 },
  { name: 'Pasar Palmerah', lat: -6.2075, lon: 106.7975 },
];

/** Goods sold at the stalls: name, unit, price per unit (rupiah), weight per unit (kg). */
export const PASAR_GOODS = [
  { name: 'Cabai merah', unit: 'kg', priceRp: 45_000, kg: 1 },
  { name: 'Bawang merah', unit: 'kg', priceRp: 38_000, kg: 1 },
  { name: 'Bawang putih', unit: 'kg', priceRp: 34_000, kg: 1 },
  { name: 'Tomat', unit: 'kg', priceRp: 14_000, kg: 1 },
  { name: 'Kangkung', unit: 'ikat', priceRp: 4_000, kg: 0.3 },
  { name: 'Bayam', unit: 'ikat', priceRp: 5_000, kg: 0.3 },
  { name: 'Tahu', unit: 'pcs', priceRp: 1_500, kg: 0.1 },
  { name: 'Tempe', unit: 'papan', priceRp: 7_000, kg: 0.4 },
  { name: 'Ayam potong', unit: 'ekor', priceRp: 42_000, kg: 1.2 },
  { name: 'Ikan kembung', unit: 'kg', priceRp: 40_000, kg: 1 },
  { name: 'Udang', unit: 'kg', priceRp: 90_000, kg: 1 },
  { name: 'Telur ayam', unit: 'kg', priceRp: 29_000, kg: 1 },
  { name: 'Beras', unit: 'kg', priceRp: 14_000, kg: 1 },
  { name: 'Jeruk', unit: 'kg', priceRp: 25_000, kg: 1 },
  { name: 'Pisang', unit: 'sisir', priceRp: 20_000, kg: 1.5 },
  { name: 'Daging sapi', unit: 'kg', priceRp: 135_000, kg: 1 },
] as const;

export const STALL_KINDS = ['Sayur', 'Bumbu', 'Ayam', 'Ikan', 'Buah', 'Sembako', 'Daging', 'Tahu Tempe'] as const;

/** Seeded draws for the demo: the engine's generator plus points around a market and Poisson gaps. */
export class DemoRandom extends Prng {
  /** A point uniform over the ring between `minM` and `maxM` around `lon, lat`. */
  around(lon: number, lat: number, minM: number, maxM: number): { lon: number; lat: number } {
    const rangeM = Math.sqrt(this.uniform(minM * minM, maxM * maxM));
    const [pLon, pLat] = offsetPoint([lon, lat], this.uniform(0, 2 * Math.PI), rangeM);
    return { lon: Math.round(pLon * 1e6) / 1e6, lat: Math.round(pLat * 1e6) / 1e6 };
  }

  /** Exponential gap (ms) for a Poisson stream of `perMinute` events. */
  gapMs(perMinute: number): number {
    return this.exponential(60_000 / perMinute);
  }
}
