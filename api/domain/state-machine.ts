// A finite state machine as data: a transition table plus a pure `transition(state, event)` that returns the next state or an IllegalTransition.

/** One machine: its states, its events and, per state, the event → next-state table. Absent pairs are illegal. */
export interface MachineTable<S extends string, E extends string> {
  /** Entity name used in errors and problem bodies, e.g. 'order'. */
  readonly name: string;
  readonly states: readonly S[];
  readonly events: readonly E[];
  /** States with no way out; listed so tests and callers can tell them apart from forgotten rows. */
  readonly terminal: readonly S[];
  readonly table: { readonly [state in S]: { readonly [event in E]?: S } };
}

/** The value a machine returns (never throws) when `event` is not allowed in `state`. HTTP maps it to 409 `illegal_transition`. */
export class IllegalTransition extends Error {
  override readonly name = 'IllegalTransition';
  readonly code = 'illegal_transition';
  constructor(
    readonly machine: string,
    readonly state: string,
    readonly event: string,
    /** Events that are legal from `state`, to help the caller. */
    readonly allowed: readonly string[],
  ) {
    super(`${machine} in state '${state}' cannot take event '${event}'`);
  }
}

/** Next state for `event` in `state`, or an IllegalTransition (unknown states and events are illegal too). */
export function transition<S extends string, E extends string>(
  machine: MachineTable<S, E>,
  state: S,
  event: E,
): S | IllegalTransition {
  const row = Object.hasOwn(machine.table, state) ? machine.table[state] : undefined;
  const next = row !== undefined && Object.hasOwn(row, event) ? row[event] : undefined;
  if (next === undefined) return new IllegalTransition(machine.name, state, event, allowedEvents(machine, state));
  return next;
}

/** Like `transition` but throws the IllegalTransition; for store code inside a transaction. */
export function mustTransition<S extends string, E extends string>(machine: MachineTable<S, E>, state: S, event: E): S {
  const next = transition(machine, state, event);
  if (next instanceof IllegalTransition) throw next;
  return next;
}

/** Events legal from `state`, in the machine's event order. */
export function allowedEvents<S extends string, E extends string>(machine: MachineTable<S, E>, state: S): E[] {
  const row = Object.hasOwn(machine.table, state) ? machine.table[state] : undefined;
  if (row === undefined) return [];
  return machine.events.filter((event) => Object.hasOwn(row, event));
}

/** Every legal (state, event, next) triple, in table order; the unit tests walk these. */
export function legalTransitions<S extends string, E extends string>(machine: MachineTable<S, E>): Array<[S, E, S]> {
  const out: Array<[S, E, S]> = [];
  for (const state of machine.states) {
    for (const event of allowedEvents(machine, state)) out.push([state, event, machine.table[state][event] as S]);
  }
  return out;
}
