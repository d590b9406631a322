// Shared spec every state machine passes: the expected legal triples exactly, illegal pairs refused with the current state, reachability.

import { expect, it } from 'vitest';
import { IllegalTransition, type MachineTable, transition, legalTransitions, allowedEvents, mustTransition } from '../../../api/domain/state-machine.js';

/** `expected` is written by hand in each test file: "state --event--> next" lines. */
export function machineSpec<S extends string, E extends string>(machine: MachineTable<S, E>, initial: S, expected: string[]): void {
  const parse = (line: string): [S, E, S] => {
    const match = /^(\w+) --(\w+)--> (\w+)$/.exec(line.trim());
    if (match === null) throw new Error(`bad expectation line: ${line}`);
    return [match[1] as S, match[2] as E, match[3] as S];
  };
  const triples = expected.map(parse);

  it('takes every legal transition to the expected state', () => {
    for (const [state, event, next] of triples) expect(transition(machine, state, event), `${state} --${event}-->`).toBe(next);
  });

  it('has no legal transition beyond the expected ones', () => {
    expect(legalTransitions(machine).map(([s, e, n]) => `${s} --${e}--> ${n}`).sort()).toEqual([...expected].sort());
  });

  it('refuses every other (state, event) pair with the current state', () => {
    const legal = new Set(triples.map(([s, e]) => `${s}/${e}`));
    let illegalCount = 0;
    for (const state of machine.states) {
      for (const event of machine.events) {
        if (legal.has(`${state}/${event}`)) continue;
        const result = transition(machine, state, event);
        expect(result, `${state} --${event}-->`).toBeInstanceOf(IllegalTransition);
        const illegal = result as IllegalTransition;
        expect(illegal.code).toBe('illegal_transition');
        expect(illegal.machine).toBe(machine.name);
        expect(illegal.state).toBe(state);
        expect(illegal.event).toBe(event);
        expect(illegal.allowed).toEqual(allowedEvents(machine, state));
        expect(() => mustTransition(machine, state, event)).toThrow(IllegalTransition);
        illegalCount += 1;
      }
    }
    expect(illegalCount).toBe(machine.states.length * machine.events.length - triples.length);
  });

  it('refuses unknown states and events, including prototype keys', () => {
    expect(transition(machine, 'nope' as S, machine.events[0])).toBeInstanceOf(IllegalTransition);
    expect(transition(machine, initial, 'nope' as E)).toBeInstanceOf(IllegalTransition);
    expect(transition(machine, initial, 'toString' as E)).toBeInstanceOf(IllegalTransition);
    expect(transition(machine, 'constructor' as S, machine.events[0])).toBeInstanceOf(IllegalTransition);
  });

  it('reaches every state from the initial one, and terminal states have no way out', () => {
    const seen = new Set<S>([initial]);
    const queue: S[] = [initial];
    while (queue.length > 0) {
      const state = queue.shift() as S;
      for (const [from, , next] of triples) if (from === state && !seen.has(next)) (seen.add(next), queue.push(next));
    }
    expect([...seen].sort()).toEqual([...machine.states].sort());
    for (const state of machine.terminal) expect(allowedEvents(machine, state)).toEqual([]);
  });
}
