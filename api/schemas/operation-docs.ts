// What the OpenAPI document says about each operation beyond its schemas: a description, the headers it reads and an
// example request body. Keyed by `METHOD /url` as fastify spells the route; applied by api/schemas/openapi-docs.ts.

/** Headers an operation reads besides the credential. */
export type DocumentedHeader = 'idempotency-key' | 'if-match' | 'x-occurred-at';

export interface OperationDoc {
  /** Replaces the route's summary when the route has none. */
  readonly summary?: string;
  /** What it does, when to call it and what comes back (Markdown). */
  readonly description: string;
  /** Headers beyond Authorization (every POST also reads Idempotency-Key; it need not be listed). */
  readonly headers?: readonly DocumentedHeader[];
  /** A request body that passes validation (ids are placeholders of the right shape). */
  readonly example?: unknown;
  /** Extra words per error status, e.g. `{ 409: 'another courier won the order' }`. */
  readonly errors?: Readonly<Record<number, string>>;
}

const MKT = 'mkt_01JD3X5Q4S8T2VYB6N7P9RWXYZ';
const STL = 'stl_01JD3X6A1B2C3D4E5F6G7H8J9K';
const STL2 = 'stl_01JD3X6A1B2C3D4E5F6G7H8J9M';
const FLT = 'flt_01JD3X7Q4S8T2VYB6N7P9RWXYZ';
const COU = 'cou_01JD3X8Q4S8T2VYB6N7P9RWXYZ';
const ITM = 'itm_01JD3X9Q4S8T2VYB6N7P9RWXYZ';
const CAT = 'cat_01JD3XAQ4S8T2VYB6N7P9RWXYZ';
const DPT = 'dpt_01JD3XBQ4S8T2VYB6N7P9RWXYZ';

const TRANSITION = ['if-match', 'x-occurred-at'] as const;
const AVAILABILITY_NOTE = 'Answers the courier with its new `status` and `version` (also the ETag). 409 `illegal_transition` names the current state when the move is not allowed from there.';

export const OPERATION_DOCS: Readonly<Record<string, OperationDoc>> = {
  'GET /health': { summary: 'Liveness and routing health', description: 'Public. 200 while the process runs; `routing` reports whether the router answers or a fallback (embedded router or straight lines) has taken over, why and since when.' },
  'GET /ready': { summary: 'Readiness (database reachable)', description: 'Public. 200 when the database answers, 503 otherwise: point a load balancer here.' },

  'POST /v1/markets': {
    description: 'Creates a pasar with its location, service area (a polygon, or a radius around the market), opening hours, courier bases and delivery tariff. The tariff prices each order: base + per km of the delivery leg, clamped between min and max.',
    example: { name: 'Pasar Senen', city: 'Jakarta', location: { lon: 106.8442, lat: -6.1737 }, service_radius_m: 4000, opening_hours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '05:00', close: '17:00' }], tariff: { base_rp: 5000, per_km_rp: 2000, min_rp: 8000, max_rp: 15000 } },
  },
  'GET /v1/markets': { description: 'Pages through markets (cursor in `next_cursor`). Dispatchers and planners see their markets; fleets and couriers see the whole directory, since ojol couriers serve any market.' },
  'GET /v1/markets/:id': { description: 'One market with its tariff, service area and `version` (also the ETag to send as If-Match when changing it).' },
  'PATCH /v1/markets/:id': {
    description: 'Changes the fields sent, leaving the others. Send `If-Match` with the version you read: a stale version is a 409 `version_conflict` and nothing changes.',
    headers: ['if-match'],
    example: { tariff: { base_rp: 6000, per_km_rp: 2000, min_rp: 8000, max_rp: 15000 } },
  },
  'POST /v1/markets/:id/stalls': {
    description: 'Adds a stall (pedagang) at its place inside the market. Order items name their stall, and the courier\'s pick list is grouped by stall.',
    example: { name: 'Kios Sayur Bu Tini', stall_code: 'A1-12', location: { lon: 106.8444, lat: -6.1739 }, categories: ['sayur'] },
  },
  'GET /v1/markets/:id/catalogue': { description: 'What the market sells today, stall by stall: name, unit, price per unit and weight, and whether it is available (`available=true` for the order form).' },
  'GET /v1/stalls/:id/catalogue': { description: 'One stall\'s catalogue items with their prices and availability.' },
  'POST /v1/stalls/:id/catalogue': {
    description: 'Creates or updates items of a stall\'s catalogue, matched by name and unit; items not listed stay as they are. Each price change is kept in the item\'s history.',
    example: { items: [{ name: 'Cabai merah', unit: 'kg', price_rp: 45000, weight_kg: 1 }, { name: 'Kangkung', unit: 'ikat', price_rp: 4000, weight_kg: 0.3, available: false }] },
  },
  'POST /v1/markets/:id/catalogue/csv': {
    description: 'Uploads the morning price board as CSV (`stall_code,name,unit,price_rp,weight_kg[,available]`): every row is stored, or none when one cannot be read (400 with the rows named).',
    example: 'stall_code,name,unit,price_rp,weight_kg\nA1-12,Cabai merah,kg,45000,1\nA1-12,Kangkung,ikat,4000,0.3\n',
  },
  'PATCH /v1/catalogue/:id': { description: 'Changes one item\'s price, weight or availability. `If-Match` with the version you read is optional; a stale one is 409 `version_conflict`.', headers: ['if-match'], example: { price_rp: 47000 } },
  'GET /v1/catalogue/:id/prices': { description: 'The item\'s price history, oldest first: price, availability, source (form, CSV, patch) and who recorded it.' },
  'GET /v1/markets/:id/stalls': { description: 'Pages through the stalls of one market.' },
  'GET /v1/stalls/:id': { description: 'One stall with its market, code, location and categories.' },

  'POST /v1/customers': {
    description: 'Registers a customer (name, phone, home address as a point, landmark) with a market. Orders may instead carry a new customer inline.',
    example: { market_id: MKT, name: 'Ibu Sari', phone: '+6281234567890', address: { lon: 106.8501, lat: -6.1702 }, landmark: 'pagar hijau dekat masjid' },
  },
  'GET /v1/customers': { description: 'Pages through the customers of the caller\'s markets; `phone` finds a returning customer.' },
  'GET /v1/customers/:id': { description: 'One customer with contact and address.' },

  'POST /v1/orders': {
    description: 'Places an order: items from the market\'s stalls (each with quantity, price and weight) and one delivery, for an existing `customer_id` or a new `customer`. The answer carries the fee quoted from the market tariff and the COD total (goods + fee) the courier collects. The order joins the market\'s next batch.\n\nFleets may place orders in the markets they serve (their `market_ids`), e.g. from their own customer app; they can then read the order. Send `Idempotency-Key` so a retried request never creates a second order.',
    errors: { 403: 'the market is not one of the caller\'s (a fleet: not one it serves)', 422: '`outside_service_area`, `unknown_reference` (a stall of another market), or a window in the past' },
    example: {
      market_id: MKT,
      customer: { name: 'Ibu Sari', phone: '+6281234567890', address: { lon: 106.8501, lat: -6.1702 }, landmark: 'pagar hijau dekat masjid' },
      items: [
        { stall_id: STL, name: 'Cabai merah', quantity: 0.5, unit: 'kg', unit_price_rp: 45000, weight_kg: 0.5 },
        { stall_id: STL2, name: 'Tempe', quantity: 2, unit: 'papan', unit_price_rp: 7000, weight_kg: 0.8 },
      ],
      delivery_note: 'rumah cat biru',
    },
  },
  'GET /v1/orders': { description: 'Pages through orders, filters AND-ed. Market staff see their markets\' orders; a fleet the orders it placed and those its couriers carry; a courier its own (the customer\'s contact only while the delivery is current).' },
  'GET /v1/orders/:id': { description: 'One order with items (and each item\'s pick outcome), customer, fee, COD due and collected, courier and route. `version` is also the ETag.' },
  'GET /v1/markets/:id/cod-policy': { description: 'The market\'s cash-on-delivery bounds: the price a substitute may reach without approval (a % of the original unit price), and the largest surplus a courier may collect at the door.' },
  'PATCH /v1/markets/:id/cod-policy': { description: 'Changes the market\'s COD bounds (the fields sent).', example: { substitution_cap_pct: 130, surplus_max_rp: 2000 } },
  'POST /v1/orders/:id/items/:itemId/approve-substitute': {
    description: 'Approves a substitute dearer than the market\'s cap, because the customer agreed or the dispatcher decided; the COD due follows the substitute\'s price.',
    example: { approved_by: 'customer' },
  },
  'POST /v1/orders/:id/cod-settlement': { description: 'Settles the order\'s COD shortfall or surplus once the cash was paid in or returned; answers the courier\'s remaining balance.', example: { note: 'disetor ke kasir pasar' } },
  'GET /v1/couriers/:id/cod-balance': { description: 'The courier\'s COD shortfalls and surpluses not settled yet, per order.' },
  'POST /v1/orders/:id/cancel': {
    description: 'Cancels an order that has not been picked yet; its stops leave any route and a pending offer is withdrawn.',
    headers: TRANSITION,
    example: { reason: 'customer_request' },
  },
  'POST /v1/orders/:id/reschedule': {
    description: 'Moves an order no courier has accepted yet (`created`, `batched`, `offered`) to another hour: `booked_for` at most 7 days ahead, or null for at once (the wait counts from now when the old hour was still ahead). A pending offer holding it is withdrawn, and the dispatcher plans it again from the new hour: the stalls have the goods ready then and no courier fetches them earlier. When the order\'s window closes before the new hour, send a new `window`; `window: null` removes the window (planned then as an order placed without one: no window to be late for, its wait counted from the hour), and without `window` the order keeps its own. Answers the order as `GET /v1/orders/{id}` reads it; `order.rescheduled` (old and new hour) reaches the map and the fleet that placed the order. Fleets may move the orders they placed.',
    headers: ['if-match'],
    errors: { 409: '`order_not_reschedulable` once a courier has accepted the order or it has ended (the problem names `current_state`), and for an exchange order; `version_conflict` for a stale If-Match', 422: '`unprocessable` naming `/body/booked_for` (more than 7 days ahead, in the past, after the window closes) or `/body/window/end`' },
    example: { booked_for: '2026-12-08T04:00:00Z' },
  },
  'POST /v1/orders/:id/exchange': {
    description: 'The customer refuses some goods at the door: the courier collects COD for what was kept and an exchange order (child) takes the refused items back to their stall and brings replacements. Answers the original and the exchange order.',
    headers: TRANSITION,
    example: { items: [{ item_id: ITM, quantity: 0.5, reason: 'cabai layu' }], cod_collected_rp: 23000, note: 'ganti cabai yang segar' },
  },

  'POST /v1/fleets': {
    description: 'Creates an ojol or pangkalan fleet with the markets it serves and, optionally, a webhook URL. The answer shows the first API key (`jk_…`) and the webhook signing secret once: store them.',
    example: { kind: 'ojol', name: 'Ojol Jakarta', market_ids: [MKT], webhook_url: 'https://partner.example/jejaring/webhook' },
  },
  'GET /v1/fleets': { description: 'Pages through fleets; a fleet key sees its own fleet.' },
  'GET /v1/fleets/:id': { description: 'One fleet: kind, name, markets served, webhook state.' },
  'POST /v1/fleets/:id/keys': { description: 'Issues another API key for the fleet (shown once), e.g. to rotate keys without downtime.', example: { label: 'app produksi' } },
  'DELETE /v1/fleets/:id/keys/:keyId': { description: 'Revokes an API key at once; requests with it get 401.' },
  'GET /v1/fleets/:id/webhook-deliveries': { description: 'The fleet\'s webhook deliveries, newest first: event, attempts, last status and error, next attempt.' },
  'POST /v1/fleets/:id/webhook-deliveries/:deliveryId/retry': { description: 'Puts a dead (or disabled) delivery back in the queue for another attempt.' },
  'POST /v1/fleets/:id/webhook/enable': { description: 'Turns the fleet\'s webhook back on after its endpoint answered 410 Gone, and re-queues the deliveries it stopped.' },

  'POST /v1/couriers': {
    description: 'Registers a courier in a fleet (a fleet key registers in its own fleet and may leave `fleet_id` out). `home_market_id` makes a pangkalan courier based at that market; `cash_float_rp` is the cash the courier can front at stalls.',
    example: { fleet_id: FLT, name: 'Budi Santoso', phone: '+6281298765432', vehicle: 'motorbike', capacity_kg: 25, cash_float_rp: 500000, home_market_id: MKT },
  },
  'GET /v1/couriers': { description: 'Pages through the couriers the caller may see: a fleet its own, a dispatcher those working its markets, a courier itself.' },
  'GET /v1/couriers/:id': { description: 'One courier: status (offline, idle, offered, on_route, paused), last position and when it was reported, capacity and cash float.' },
  'GET /v1/couriers/:id/route': { description: 'The courier\'s active route: stops in order with ETAs, the distance, duration and road line from its first to its last stop, and the customer\'s contact on deliveries still ahead. 404 `not_found` when the courier has no active route (check `status` = `on_route` first).' },
  'POST /v1/couriers/:id/online': { description: `Starts the shift: offline → idle, and the courier can be offered routes. ${AVAILABILITY_NOTE}`, headers: TRANSITION },
  'POST /v1/couriers/:id/offline': { description: `Ends the shift; a pending offer is withdrawn. ${AVAILABILITY_NOTE}`, headers: TRANSITION },
  'POST /v1/couriers/:id/pause': { description: `Takes a break: idle → paused; no offers until resumed. ${AVAILABILITY_NOTE}`, headers: TRANSITION },
  'POST /v1/couriers/:id/resume': { description: `Back from the break: paused → idle. ${AVAILABILITY_NOTE}`, headers: TRANSITION },
  'POST /v1/couriers/:id/positions': {
    description: 'Uploads GPS fixes in one batch (up to 500, e.g. replayed after a dead zone); the newest becomes the courier\'s position, broadcasts are throttled to one per second per courier.',
    headers: ['x-occurred-at'],
    example: { positions: [{ lon: 106.8449, lat: -6.1731, recorded_at: '2026-05-22T07:15:04Z', speed_mps: 6.2, heading_deg: 90, accuracy_m: 8 }] },
  },

  'POST /v1/stops/:id/arrive': { description: 'The courier is at the stop (a stall or the customer\'s door). Send `X-Occurred-At` when replaying an action taken offline.', headers: TRANSITION },
  'POST /v1/stops/:id/pickup': {
    description: 'Picked up at a stall: one outcome per item of that stall (`picked`, `missing`, or `substituted` with the substitute\'s name and price). A missing item lowers the COD due.',
    headers: TRANSITION,
    example: { items: [{ item_id: ITM, outcome: 'picked' }, { item_id: 'itm_01JD3XBQ4S8T2VYB6N7P9RWXYZ', outcome: 'substituted', substitute_name: 'Cabai rawit', substitute_price_rp: 40000 }] },
  },
  'POST /v1/stops/:id/deliver': {
    description: 'Delivered at the door with the cash collected. The order is delivered; a shortfall against the COD due is recorded (`cod_short_rp` in the event).',
    headers: TRANSITION,
    example: { cod_collected_rp: 125500 },
  },
  'POST /v1/stops/:id/fail': {
    description: 'The stop cannot be done; the order fails with the reason. For goods refused at the door use the order\'s exchange instead.',
    headers: TRANSITION,
    example: { reason: 'customer_absent', note: 'ditelepon tiga kali, tidak diangkat' },
  },

  'GET /v1/offers': { description: 'Pages through offers: couriers their own, fleets their couriers\', dispatchers their markets\'. `status=pending` gives the offer waiting for an answer.' },
  'GET /v1/offers/:id': { description: 'One offer with what a courier needs to judge it: the fee, the stalls to visit (count and names), the distance and riding time from the first pickup to the last door, the COD to collect, the cash float to front at stalls, and the route preview (stops and road line). `expires_at` ends it.' },
  'POST /v1/offers/:id/accept': {
    description: 'Accepts a pending offer: the route and its orders become the courier\'s. Exactly one courier wins an order.',
    headers: ['if-match'],
    errors: { 409: '`illegal_transition`: the offer expired, was withdrawn or already answered (another courier may have won the order)' },
  },
  'POST /v1/offers/:id/decline': { description: 'Declines a pending offer; its orders are planned again without this courier.', headers: ['if-match'], example: { reason: 'ban bocor' } },

  'GET /v1/plans': { description: 'Pages through plans (one per solved batch per market): routes, unassigned orders, solve time.' },
  'GET /v1/plans/:id': { description: 'One plan with its routes and their stops.' },
  'GET /v1/events': { description: 'The event log after a cursor (or `after_seq`), scoped like the streams: the outbox that Socket.IO and webhooks read. Poll it to catch up after a disconnect.' },

  'POST /v1/tokens': {
    description: 'Issues a bearer token (`jt_…`, shown once) for a dispatcher or planner (with `market_ids`), a courier (`courier_id`), or an admin. Fleets may issue tokens for their own couriers, for the courier app.',
    example: { role: 'courier', courier_id: COU, ttl_s: 43200 },
  },
  'DELETE /v1/tokens/:id': { description: 'Revokes a token at once.' },

  'POST /v1/scenarios/runs': {
    description: 'Simulates a market day (scenario format in docs/scenarios.md) under several dispatch policies in a worker; progress streams on the `/planner` namespace. Answers 202 with the run to poll.',
    example: { scenario: { name: 'Pasar Senen pagi', seed: 1 }, policies: ['jejaring', 'nearest'] },
  },
  'GET /v1/scenarios/runs/:id': { description: 'A scenario run: status, progress, and when done the report comparing the policies.' },

  'GET /v1/map/roads': { description: 'Road polylines of the loaded graph inside a bounding box, simplified for the zoom: the map\'s offline basemap when no tile server is configured.' },
  'GET /osrm': { summary: 'OSRM HTTP API root', description: 'Public. Without a service path this answers OSRM\'s `InvalidUrl` error; see `GET /osrm/*`.' },
  'GET /osrm/*': { summary: 'OSRM v5 services (route, table, nearest, trip, match)', description: 'Public. The OSRM HTTP API answered by the embedded router: `/osrm/{service}/v1/{profile}/{coordinates}` with OSRM\'s parameters, fields and error codes, so OSRM tooling works against jejaring.' },

  'POST /v1/dispatch/orders/:id/assign': { description: 'Force-assigns an order to a courier: offered and accepted on the courier\'s behalf. Served by the node that plans the market (409 `market_not_owned` names it).', example: { courier_id: COU } },
  'POST /v1/dispatch/orders/:id/unassign': { description: 'Takes an order back into the market\'s pool before picking starts; the next plan places it again.' },
  'POST /v1/dispatch/orders/:id/pin': { description: 'Pins an order to a courier for the next plans (`courier_id: null` unpins).', example: { courier_id: COU } },
  'POST /v1/dispatch/couriers/:id/pause': { description: 'Pauses a courier from the dispatch desk: no new offers until resumed.' },
  'POST /v1/dispatch/couriers/:id/resume': { description: 'Resumes a paused courier.' },
  'POST /v1/dispatch/markets/:id/replan': { description: 'Plans the market now instead of waiting for the batch window; answers whether a plan started, is queued, or there was nothing to plan.' },
  'PUT /v1/markets/:id/whatsapp': {
    description: 'Connects the market to its WhatsApp Business Cloud API number: the phone number id, the verify token for the GET challenge, the app secret that signs notifications (X-Hub-Signature-256) and the access token that sends replies. Secrets are stored and never shown again.',
    example: { phone_number_id: '106540352242922', verify_token: 'pasar-senen-verify', app_secret: 'app-secret-from-meta', access_token: 'EAAG-access-token' },
  },
  'GET /v1/markets/:id/whatsapp': { description: 'The market\'s WhatsApp channel: phone number id and base URL, without its secrets.' },
  'GET /whatsapp/webhook': { summary: 'WhatsApp webhook verification', description: 'Public. Meta\'s verification request: answers `hub.challenge` as text when `hub.mode=subscribe` and `hub.verify_token` is a connected market\'s, 403 otherwise.' },
  'POST /whatsapp/webhook': {
    summary: 'WhatsApp notifications',
    description: 'Public, but signed: the body must carry a valid `X-Hub-Signature-256` under the market\'s app secret (401 `invalid_signature` otherwise). Each text, location or contact message joins its customer\'s draft order once per message id, so Meta\'s retries are harmless; a message nobody can read still reaches the coordinator.',
    example: { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: '106540352242922' }, messages: [{ id: 'wamid.HBgL', from: '6281234567890', timestamp: '1765000000', type: 'text', text: { body: 'Bu, pesan cabe rawit 1/4, bawang merah setengah kilo ya' } }] } }] }] },
  },
  'GET /v1/markets/:id/drafts': { description: 'Draft orders that customers sent on WhatsApp, newest first, with the parsed items (low-confidence lines flagged) for the coordinator to check.' },
  'GET /v1/drafts/:id': { description: 'One draft with the messages it came from, the parsed items, address and landmark.' },
  'POST /v1/drafts/:id/confirm': {
    description: 'Turns a checked draft into an order: catalogue lines take their price and weight from the catalogue, free-text lines are flagged. The customer gets the confirmation with the COD total on WhatsApp. `If-Match` with the draft\'s version is optional.',
    headers: ['if-match'],
    example: { items: [{ catalogue_item_id: CAT, quantity: 0.25 }], customer_name: 'Bu Sari', delivery_location: { lon: 106.8412, lat: -6.1745 }, landmark: 'depan musholla' },
  },
  'POST /v1/drafts/:id/discard': { description: 'Discards a draft that is not an order (a question, spam, a duplicate). `If-Match` is optional.', headers: ['if-match'] },
  'POST /v1/markets/:id/distribution-points': {
    description: 'Adds a distribution point of subsidised packages (operasi pasar): where households collect them.',
    example: { name: 'Balai warga RW 05', location: { lon: 106.8412, lat: -6.1745 } },
  },
  'POST /v1/markets/:id/packages': {
    description: 'Adds a fixed package (e.g. beras 5 kg, minyak 1 L) with its price, quota per household per period and opening stock per distribution point.',
    example: { name: 'Paket sembako', price_rp: 75000, quota_per_household: 1, quota_period: 'week', stock: [{ point_id: DPT, quantity: 100 }] },
  },
  'POST /v1/packages/:id/stock': { description: 'Adds stock of a package at one distribution point; answers the stock left there.', example: { point_id: DPT, add: 50 } },
  'GET /v1/markets/:id/packages/stock': { description: 'Stock left per distribution point and package (also drawn on the map).' },
  'POST /v1/packages/:id/orders': {
    description: 'Sells packages to a household: refused with 422 `over_quota` past its quota for the period and 409 `sold_out` when the point has too little stock. Stock never goes below zero, even under concurrent orders.',
    example: { point_id: DPT, phone: '+6281234567890', household: '3175010101010001', quantity: 1 },
    errors: { 409: 'not enough stock at this point', 422: 'the household\'s quota for the period is used up' },
  },
  'GET /v1/dispatch/markets/:id/state': { description: 'The market\'s live dispatch state (snake_case throughout): KPIs, COD due and collected per courier, couriers with status, position, route stops and road line, and the orders waiting, offered or assigned.' },
};
