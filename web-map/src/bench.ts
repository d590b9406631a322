// Map benchmark page: N couriers each sending one position per second through the real adapter → store → courier layer;
// measures in the page how long one second of updates takes to apply (and to draw).
import 'leaflet/dist/leaflet.css';
import * as L from 'leaflet';
import { CourierLayer } from './layers/courier-layer.js';
import { applyEnvelope, type Envelope } from './realtime/event-adapter.js';
import { DispatchStore } from './store/dispatch-store.js';
import { COURIER_STATES } from './model.js';

/** 'layer': the map's typed-array canvas layer; 'markers': the baseline, one Leaflet circleMarker per courier on a canvas renderer. */
export type MapBenchMode = 'layer' | 'markers';
export interface MapBenchOptions { couriers: number; seconds: number; mode: MapBenchMode }
export interface MapBenchResult {
  mode: MapBenchMode;
  couriers: number;
  seconds: number;
  /** Per simulated second: time to apply all its updates (adapter + store + layer), ms. */
  applyMs: number[];
  /** Per simulated second: time to draw the frame after applying, ms. */
  drawMs: number[];
  drawnCouriers: number;
}

const CENTER_LON = 106.83;
const CENTER_LAT = -6.2;

const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));

async function runMapBench(options: MapBenchOptions): Promise<MapBenchResult> {
  const container = document.getElementById('map')!;
  container.replaceChildren();
  const mapEl = document.createElement('div');
  mapEl.style.height = '100%';
  container.append(mapEl);
  const map = L.map(mapEl, { zoomControl: false, attributionControl: false }).setView([CENTER_LAT, CENTER_LON], 12);
  const store = new DispatchStore();
  const layer = new CourierLayer().addTo(map);
  const renderer = L.canvas();
  const markers = new Map<string, L.CircleMarker>();
  if (options.mode === 'layer') store.onPosition((courier) => layer.setPosition(courier.id, courier.lon, courier.lat));
  else {
    store.onPosition((courier) => {
      const marker = markers.get(courier.id);
      if (marker) marker.setLatLng([courier.lat, courier.lon]);
      else markers.set(courier.id, L.circleMarker([courier.lat, courier.lon], { renderer, radius: 5, weight: 1.5, color: '#fff', fillColor: '#1a73e8', fillOpacity: 1 }).addTo(map));
    });
  }
  const ids: string[] = [];
  /** Per courier: current position (degrees) and heading (radians) of the simulated walk. */
  const lon = new Float64Array(options.couriers);
  const lat = new Float64Array(options.couriers);
  const heading = new Float64Array(options.couriers);
  let seed = 42;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < options.couriers; i++) {
    ids.push(`cou_bench${i}`);
    lon[i] = CENTER_LON + (random() - 0.5) * 0.2;
    lat[i] = CENTER_LAT + (random() - 0.5) * 0.2;
    heading[i] = random() * 2 * Math.PI;
    layer.setStyle(ids[i], COURIER_STATES[i % COURIER_STATES.length], i % 3 === 0 ? 'pangkalan' : 'ojol', false);
  }
  const applyMs: number[] = [];
  const drawMs: number[] = [];
  const seq = 1000; // positions are ephemeral: they carry the latest logged sequence, which does not move
  for (let s = 0; s < options.seconds; s++) {
    const batch: Envelope[] = [];
    const at = new Date().toISOString();
    for (let i = 0; i < options.couriers; i++) {
      heading[i] += (random() - 0.5) * 0.6;
      lon[i] += Math.cos(heading[i]) * 0.00008; // ~9 m per second: a motorbike in traffic
      lat[i] += Math.sin(heading[i]) * 0.00008;
      batch.push({ seq, type: 'courier.position', marketId: 'mkt_bench', courierId: ids[i], orderId: null, at, replay: false,
        payload: { courierId: ids[i], lon: lon[i], lat: lat[i], at } });
    }
    await nextFrame();
    const started = performance.now();
    for (let i = 0; i < batch.length; i++) applyEnvelope(store, batch[i]);
    store.flush();
    const applied = performance.now();
    if (options.mode === 'layer') layer.draw(applied);
    else (renderer as unknown as { _redraw(): void })._redraw(); // Leaflet would run this on the next frame
    drawMs.push(performance.now() - applied);
    applyMs.push(applied - started);
  }
  const drawnCouriers = options.mode === 'layer' ? layer.drawnCount() : markers.size;
  map.remove();
  return { mode: options.mode, couriers: options.couriers, seconds: options.seconds, applyMs, drawMs, drawnCouriers };
}

(window as unknown as { runMapBench: typeof runMapBench }).runMapBench = runMapBench;
document.body.dataset.ready = '1';
