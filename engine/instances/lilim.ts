// Li & Lim PDPTW reader: the original text format and the best-known-solution table, mapped onto ProblemInput.
import { InputError } from '../errors.js';
import type { CourierInput, LocationInput, OrderInput, ProblemInput } from '../model/problem-input.js';

/** Cost of one vehicle: above any route distance, so the objective counts vehicles first, then distance. */
export const LILIM_VEHICLE_COST = 1e6;
/** Cost per 1000 distance units: one Li & Lim distance unit costs 1. */
export const LILIM_COST_PER_KM = 1000;

export interface LilimOptions {
  /** Cost per vehicle used (default LILIM_VEHICLE_COST). */
  readonly vehicleCost?: number;
}

interface Task {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly demand: number;
  readonly earliest: number;
  readonly latest: number;
  readonly serviceS: number;
  readonly pickupOf: number;
  readonly deliveryOf: number;
}

/**
 * Parses an instance: header `K Q S` (vehicles, capacity, speed: ignored, travel at speed 1), then one line per task
 * `id x y demand early late service pickup delivery`, task 0 the depot. Each pickup (naming its delivery in
 * the last column) and its delivery (naming the pickup in the second-to-last) form one order. Travel time and
 * distance are the unrounded Euclidean distance; every vehicle starts and ends at the depot within its window.
 */
export function parseLilim(text: string, options: LilimOptions = {}): ProblemInput {
  const lines = text.split(/\r?\n/).map((line, i) => ({ fields: line.trim().split(/\s+/).filter(Boolean), lineNo: i + 1 })).filter((l) => l.fields.length > 0);
  if (lines.length < 2) throw new InputError('lilim_format', 'a Li & Lim instance needs a header and a depot line', 'line 1');
  // The third header field (speed) is 1 or 0 in the published files; travel time always equals distance.
  const [vehicleCount, capacity] = numbers(lines[0].fields, 3, lines[0].lineNo);
  if (!Number.isInteger(vehicleCount) || vehicleCount < 1) throw new InputError('lilim_format', `vehicle count must be a positive integer, got ${vehicleCount}`, 'line 1');
  const tasks: Task[] = lines.slice(1).map(({ fields, lineNo }) => {
    const [id, x, y, demand, earliest, latest, serviceS, pickupOf, deliveryOf] = numbers(fields, 9, lineNo);
    if (earliest > latest) throw new InputError('lilim_format', `task ${id}: window opens after it closes`, `line ${lineNo}`);
    return { id, x, y, demand, earliest, latest, serviceS, pickupOf, deliveryOf };
  });
  const byId = new Map(tasks.map((t) => [t.id, t]));
  if (byId.size !== tasks.length) throw new InputError('lilim_format', 'duplicate task ids', 'tasks');
  const depot = byId.get(0);
  if (!depot) throw new InputError('lilim_format', 'no depot (task 0)', 'tasks');

  const n = tasks.length;
  const locations: LocationInput[] = tasks.map((t) => ({ id: `t${t.id}` }));
  // Travel time = distance = Euclidean length between tasks i and j (dense task order), unrounded.
  const euclid = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) euclid[i * n + j] = Math.hypot(tasks[i].x - tasks[j].x, tasks[i].y - tasks[j].y);
  }
  return {
    loadDimensions: ['demand'],
    locations,
    matrix: { durationS: euclid, distanceM: euclid },
    setupS: 0,
    orders: pairOrders(tasks, byId),
    couriers: vehicles(vehicleCount, capacity, depot, options.vehicleCost ?? LILIM_VEHICLE_COST),
    objective: { softTimeWindows: false },
  };
}

function pairOrders(tasks: readonly Task[], byId: ReadonlyMap<number, Task>): OrderInput[] {
  const orders: OrderInput[] = [];
  let deliveries = 0;
  for (const task of tasks) {
    if (task.id === 0) continue;
    if (task.deliveryOf === 0) {
      if (task.pickupOf === 0) throw new InputError('lilim_pairing', `task ${task.id} is neither a pickup nor a delivery`, `task ${task.id}`);
      deliveries++;
      continue;
    }
    const delivery = byId.get(task.deliveryOf);
    if (!delivery || delivery.pickupOf !== task.id) throw new InputError('lilim_pairing', `pickup ${task.id} names delivery ${task.deliveryOf}, which does not name it back`, `task ${task.id}`);
    orders.push({
      id: `o${task.id}`,
      pickups: [{ id: `p${task.id}`, locationId: `t${task.id}`, serviceS: task.serviceS, window: { earliestS: task.earliest, latestS: task.latest }, load: [task.demand] }],
      delivery: { id: `d${delivery.id}`, locationId: `t${delivery.id}`, serviceS: delivery.serviceS, window: { earliestS: delivery.earliest, latestS: delivery.latest }, codRp: 0 },
    });
  }
  if (deliveries !== orders.length) throw new InputError('lilim_pairing', `${orders.length} pickups but ${deliveries} deliveries`, 'tasks');
  return orders;
}

function vehicles(count: number, capacity: number, depot: Task, vehicleCost: number): CourierInput[] {
  const couriers: CourierInput[] = [];
  for (let k = 1; k <= count; k++) {
    couriers.push({
      id: `v${k}`,
      fleet: 'pangkalan',
      startLocationId: `t${depot.id}`,
      startS: depot.earliest,
      endLocationId: `t${depot.id}`,
      shift: { earliestS: depot.earliest, latestS: depot.latest },
      capacity: [capacity],
      speedFactor: 1,
      fixedCost: vehicleCost,
      costPerHour: 0,
      costPerKm: LILIM_COST_PER_KM,
    });
  }
  return couriers;
}

function numbers(fields: readonly string[], count: number, lineNo: number): number[] {
  if (fields.length < count) throw new InputError('lilim_format', `expected ${count} numbers, got ${fields.length}`, `line ${lineNo}`);
  const values = fields.slice(0, count).map(Number);
  if (values.some((v) => !Number.isFinite(v))) throw new InputError('lilim_format', `not a number in '${fields.join(' ')}'`, `line ${lineNo}`);
  return values;
}

/** A best known solution: vehicles, then total distance. */
export interface BestKnown {
  readonly vehicles: number;
  readonly distance: number;
}

/** Parses `instance,vehicles,distance` rows (header first) into a map keyed by lower-case instance name. */
export function parseBks(csv: string): Map<string, BestKnown> {
  const rows = csv.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const header = (rows[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  if (header.join(',') !== 'instance,vehicles,distance') throw new InputError('bks_format', `expected header 'instance,vehicles,distance', got '${rows[0] ?? ''}'`, 'line 1');
  const table = new Map<string, BestKnown>();
  rows.slice(1).forEach((row, i) => {
    const [name, vehicles, distance] = row.split(',').map((c) => c.trim());
    const entry = { vehicles: Number(vehicles), distance: Number(distance) };
    if (!name || !Number.isInteger(entry.vehicles) || !Number.isFinite(entry.distance)) throw new InputError('bks_format', `bad row '${row}'`, `line ${i + 2}`);
    table.set(name.toLowerCase(), entry);
  });
  return table;
}

/** The instance name of a file: `LC1_2_1.txt` → `lc1_2_1`, matching the keys of parseBks. */
export function lilimInstanceName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.txt$/i, '').toLowerCase();
}
