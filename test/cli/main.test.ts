// The CLI's command dispatcher: a command's --help, and options it does not know, answered with its usage and no stack.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureIo } from './capture-io.js';
import { main } from '../../cli/main.js';

afterEach(() => vi.restoreAllMocks());

describe('jejaring command dispatcher', () => {
  it('answers a command\'s --help with its usage line and exit code 0, without running it', async () => {
    const io = captureIo();
    expect(await main(['bench', 'field-scenarios', '--help'])).toBe(0);
    expect(io.out.join('')).toContain('jejaring bench field-scenarios: the four field scenarios');
    expect(io.out.join('')).toContain('--draws N');
    expect(io.err).toEqual([]);
  });

  it('refuses an option the command does not know with exit code 2, the option named and the usage', async () => {
    const io = captureIo();
    expect(await main(['bench', 'lilim', '--cpu-sec', '5'])).toBe(2);
    const said = io.err.join('');
    expect(said).toContain("Unknown option '--cpu-sec'");
    expect(said).toContain('usage: jejaring bench lilim — Li & Lim PDPTW benchmark');
    expect(said).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('refuses an unknown command with the list of commands', async () => {
    const io = captureIo();
    expect(await main(['bench', 'nothing'])).toBe(2);
    expect(io.err.join('')).toContain('unknown command: bench nothing');
    expect(io.err.join('')).toContain('jejaring plan');
  });
});
