// Plans, routes and stops (read side): plan summaries, a full plan, and a courier's active route.
import type { Queryable } from '../db/database.js';
import type { Plan, PlanSummary, Route, Stop } from '../schemas/plans.js';
import { isoOf, pointColumns, pointOf } from './geo-sql.js';
import { pickupReadyAtSql, stallLinesReadyAtSql } from './pickup-ready.js';

const PLAN_COLUMNS = `p.id, p.market_id, p.version, p.status, p.stats, p.unassigned, p.created_at,
  (SELECT count(*)::int FROM routes r WHERE r.plan_id = p.id) AS route_count`;
const ROUTE_COLUMNS = 'id, plan_id, market_id, courier_id, status, distance_m, duration_s, version';
const STOP_COLUMNS = `id, route_id, position, kind, order_id, stall_id, ${pointColumns('location')}, eta, window_start, window_end,
  service_s, status, frozen, arrived_at, completed_at, version,
  CASE WHEN kind = 'pickup' THEN ${pickupReadyAtSql('stops.order_id', stallLinesReadyAtSql('stops.order_id', 'stops.stall_id'))} END AS ready_at`;

function planOfRow(r: Record<string, unknown>): PlanSummary {
  return {
    id: r.id as string,
    market_id: r.market_id as string,
    version: r.version as number,
    status: r.status as string,
    stats: r.stats as Record<string, unknown>,
    unassigned: r.unassigned as unknown[],
    route_count: r.route_count as number,
    created_at: isoOf(r.created_at)!,
  };
}

export function stopOfRow(r: Record<string, unknown>): Stop {
  return {
    id: r.id as string,
    position: r.position as number,
    kind: r.kind as Stop['kind'],
    order_id: (r.order_id as string | null) ?? null,
    stall_id: (r.stall_id as string | null) ?? null,
    location: pointOf(r, 'location')!,
    eta: isoOf(r.eta),
    window: r.window_start && r.window_end ? { start: isoOf(r.window_start)!, end: isoOf(r.window_end)! } : null,
    ready_at: isoOf(r.ready_at),
    service_s: r.service_s as number,
    status: r.status as string,
    frozen: r.frozen as boolean,
    arrived_at: isoOf(r.arrived_at),
    completed_at: isoOf(r.completed_at),
    version: r.version as number,
  };
}

export class PlansStore {
  constructor(private readonly q: Queryable) {}

  async list(filter: { afterId?: string; limit: number; marketIds?: readonly string[]; status?: string }): Promise<PlanSummary[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.afterId) where.push(`p.id > $${params.push(filter.afterId)}`);
    if (filter.marketIds) where.push(`p.market_id = ANY($${params.push(filter.marketIds)}::text[])`);
    if (filter.status) where.push(`p.status = $${params.push(filter.status)}`);
    const sql = `SELECT ${PLAN_COLUMNS} FROM plans p ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY p.id LIMIT $${params.push(filter.limit + 1)}`;
    return (await this.q.query(sql, params)).rows.map(planOfRow);
  }

  async get(id: string): Promise<Plan | null> {
    const found = await this.q.query(`SELECT ${PLAN_COLUMNS} FROM plans p WHERE p.id = $1`, [id]);
    if (!found.rows[0]) return null;
    const routes = await this.routesWhere('plan_id = $1', [id]);
    return { ...planOfRow(found.rows[0]), routes };
  }

  /** The courier's active route (the one it accepted and is driving), or null. */
  async activeRouteOf(courierId: string): Promise<Route | null> {
    const routes = await this.routesWhere(`courier_id = $1 AND status = 'active'`, [courierId]);
    return routes[routes.length - 1] ?? null;
  }

  private async routesWhere(where: string, params: unknown[]): Promise<Route[]> {
    const routes = await this.q.query(`SELECT ${ROUTE_COLUMNS} FROM routes WHERE ${where} ORDER BY id`, params);
    if (routes.rows.length === 0) return [];
    const ids = routes.rows.map((r) => r.id as string);
    const stops = await this.q.query(`SELECT ${STOP_COLUMNS} FROM stops WHERE route_id = ANY($1::text[]) ORDER BY route_id, position`, [ids]);
    const byRoute = new Map<string, Stop[]>();
    for (const s of stops.rows) {
      const list = byRoute.get(s.route_id as string) ?? [];
      list.push(stopOfRow(s));
      byRoute.set(s.route_id as string, list);
    }
    return routes.rows.map((r) => ({
      id: r.id as string,
      plan_id: r.plan_id as string,
      market_id: r.market_id as string,
      courier_id: (r.courier_id as string | null) ?? null,
      status: r.status as string,
      distance_m: r.distance_m as number,
      duration_s: r.duration_s as number,
      version: r.version as number,
      stops: byRoute.get(r.id as string) ?? [],
    }));
  }
}
