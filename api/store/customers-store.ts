// Customers: minimal personal data (name, phone, address point, landmark), tied to the market they order from.
import type { Queryable } from '../db/database.js';
import { newId } from '../ids.js';
import type { CreateCustomer, Customer } from '../schemas/customers.js';
import { isoOf, pointColumns, pointOf, pointParam } from './geo-sql.js';

const COLUMNS = `id, market_id, name, phone, ${pointColumns('address')}, landmark, created_at`;

export function customerOfRow(r: Record<string, unknown>): Customer {
  return {
    id: r.id as string,
    market_id: (r.market_id as string | null) ?? null,
    name: r.name as string,
    phone: r.phone as string,
    address: pointOf(r, 'address')!,
    landmark: (r.landmark as string | null) ?? null,
    created_at: isoOf(r.created_at)!,
  };
}

export interface ListCustomersFilter {
  readonly afterId?: string;
  readonly limit: number;
  readonly marketIds?: readonly string[];
  readonly phone?: string;
}

export class CustomersStore {
  constructor(private readonly q: Queryable) {}

  async create(input: CreateCustomer): Promise<Customer> {
    const result = await this.q.query(
      `INSERT INTO customers (id, market_id, name, phone, address, landmark) VALUES ($1, $2, $3, $4, ${pointParam(5, 6)}, $7) RETURNING ${COLUMNS}`,
      [newId('cus'), input.market_id, input.name, input.phone, input.address.lon, input.address.lat, input.landmark ?? null],
    );
    return customerOfRow(result.rows[0]);
  }

  async get(id: string): Promise<Customer | null> {
    const result = await this.q.query(`SELECT ${COLUMNS} FROM customers WHERE id = $1`, [id]);
    return result.rows[0] ? customerOfRow(result.rows[0]) : null;
  }

  async list(filter: ListCustomersFilter): Promise<Customer[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.afterId) where.push(`id > $${params.push(filter.afterId)}`);
    if (filter.marketIds) where.push(`market_id = ANY($${params.push(filter.marketIds)}::text[])`);
    if (filter.phone) where.push(`phone = $${params.push(filter.phone)}`);
    const sql = `SELECT ${COLUMNS} FROM customers ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT $${params.push(filter.limit + 1)}`;
    return (await this.q.query(sql, params)).rows.map(customerOfRow);
  }
}
