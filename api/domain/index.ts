// Public surface of the domain layer: the state machines and the exchange planner.

export * from './state-machine.js';
export * from './order-machine.js';
export * from './item-machine.js';
export * from './courier-machine.js';
export * from './offer-machine.js';
export * from './stop-machine.js';
export * from './exchange.js';
