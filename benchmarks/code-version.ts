// The checked-out code a benchmark ran on (`git describe`), for the machine line of its results.
import { execFileSync } from 'node:child_process';
import { PACKAGE_ROOT } from '../api/package-root.js';

/** `git describe --always --dirty` of the package, or 'unknown' outside a git checkout. */
export function codeVersion(): string {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { cwd: PACKAGE_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}
