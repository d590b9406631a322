import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import errorHandler from '../../../api/plugins/error-handler.js';
import { webMapPlugin, type WebMapOptions } from '../../../api/plugins/web-map.js';
import { crossroads } from '../routes/map/tiny-graph.js';

async function appWith(options: WebMapOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(errorHandler);
  await app.register(webMapPlugin, options);
  await app.ready();
  return app;
}

describe('webMapPlugin', () => {
  let app: FastifyInstance;
  beforeAll(async () => { app = await appWith({ roadGraph: crossroads(), tileUrl: '' }); });
  afterAll(async () => { await app.close(); });

  it('serves the dispatcher page at / and the courier page at /courier, each loading its bundle', async () => {
    const home = await app.inject('/');
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toContain('text/html');
    expect(home.body).toContain('/assets/dispatcher.js');
    expect(home.headers['content-security-policy']).toContain("script-src 'self'");
    const courier = await app.inject('/courier');
    expect(courier.body).toContain('/assets/courier.js');
  });

  it('serves the built bundles, JavaScript and CSS (with Leaflet styles)', async () => {
    const js = await app.inject('/assets/dispatcher.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('text/javascript');
    expect(js.body).toContain('DispatchStore');
    const css = await app.inject('/assets/dispatcher.css');
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.body).toContain('.leaflet-container');
  });

  it('answers an unknown asset with a problem document', async () => {
    const missing = await app.inject('/assets/nope.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'not_found', status: 404 });
  });

  it('answers 503 not_ready, naming the build command, when the bundle folder was never built', async () => {
    const unbuilt = await appWith({ roadGraph: crossroads(), assetsDir: '/nonexistent/web-map-dist' });
    try {
      const response = await unbuilt.inject('/assets/dispatcher.js');
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ code: 'not_ready' });
      expect(response.json().detail).toContain('npm run build:web');
    } finally {
      await unbuilt.close();
    }
  });

  it('publishes the offline configuration: no tile URL, OSM attribution', async () => {
    const config = (await app.inject('/web-config.json')).json();
    expect(config.tileUrl).toBe('');
    expect(config.attribution).toContain('© OpenStreetMap contributors');
    expect(config.demo).toBeUndefined();
  });

  it('draws the loaded road graph for a bbox and zoom', async () => {
    const response = await app.inject('/v1/map/roads?bbox=106.7,-6.3,106.9,-6.1&zoom=17');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.lines).toHaveLength(5);
    expect(body.ranks).toHaveLength(5);
    expect(body.lines[0].length % 2).toBe(0);
  });

  it('refuses a malformed or inverted bbox with a problem naming the field', async () => {
    for (const bbox of ['1,2,3', '106.9,-6.3,106.7,-6.1', 'a,b,c,d', '100,-10,110,0']) {
      const response = await app.inject(`/v1/map/roads?bbox=${bbox}&zoom=12`);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: '/querystring/bbox' }] });
    }
    const noZoom = await app.inject('/v1/map/roads?bbox=106.7,-6.3,106.9,-6.1');
    expect(noZoom.statusCode).toBe(400);
  });
});

describe('webMapPlugin with a tile URL', () => {
  it('passes the tile URL on and allows its host in the page CSP', async () => {
    const app = await appWith({ tileUrl: 'https://{s}.tile.example.org/{z}/{x}/{y}.png' });
    const config = (await app.inject('/web-config.json')).json();
    expect(config.tileUrl).toBe('https://{s}.tile.example.org/{z}/{x}/{y}.png');
    expect(config.attribution).toBe('© OpenStreetMap contributors');
    expect((await app.inject('/')).headers['content-security-policy']).toContain('https://*.tile.example.org');
    const roads = (await app.inject('/v1/map/roads?bbox=106.7,-6.3,106.9,-6.1&zoom=12')).json();
    expect(roads.lines).toEqual([]); // no graph loaded: an empty basemap, not an error
    await app.close();
  });
});
