// Browser tests launch Chromium the way the map benchmark does.
export * from '../../benchmarks/chromium.js';
