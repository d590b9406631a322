// Captures what a CLI command writes to stdout and stderr (restored by vi.restoreAllMocks).
import { vi } from 'vitest';

export function captureIo(): { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { out.push(String(chunk)); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { err.push(String(chunk)); return true; });
  return { out, err };
}
