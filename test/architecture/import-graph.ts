// Reads the project's import graph from the sources: every static, re-export and dynamic import with its resolved file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** One import of one file. */
export interface ImportEdge {
  /** Importing file, relative to the project root with forward slashes. */
  readonly from: string;
  /** Imported file, relative to the root; a bare package name when it is not a project file. */
  readonly to: string;
  /** Erased at compile time (`import type`, `export type`): no runtime dependency. */
  readonly typeOnly: boolean;
  /** `import('…')`: loaded on demand, not when the importer loads. */
  readonly dynamic: boolean;
}

const SOURCE_EXTENSIONS = ['.ts', '.mts', '.mjs', '.js'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.cache', '.git']);

/** Source files under `dirs` (relative to `root`). */
export function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(root, dir))) {
      const path = join(dir, name);
      if (statSync(join(root, path)).isDirectory()) {
        if (!SKIPPED_DIRS.has(name)) walk(path);
      } else if (SOURCE_EXTENSIONS.some((ext) => name.endsWith(ext)) && !name.endsWith('.d.ts')) {
        out.push(path.split('\\').join('/'));
      }
    }
  };
  for (const dir of dirs) walk(dir);
  return out.sort();
}

// `import x from '…'`, `import type …`, `export { … } from '…'`, `export * from '…'`, side-effect `import '…'`.
const STATIC_IMPORT = /^\s*(import|export)\s+(type\s+)?([^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** A specifier resolved to a project file (TypeScript's `.js` → `.ts` convention included), or the bare name. */
function resolveSpecifier(root: string, from: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  const base = resolve(root, dirname(from), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), `${base}.ts`, join(base, 'index.ts')];
  for (const candidate of candidates) {
    try {
      if (statSync(candidate).isFile()) return relative(root, candidate).split('\\').join('/');
    } catch {
      // not this candidate
    }
  }
  return relative(root, base).split('\\').join('/');
}

/** Every import of the given files; commented-out imports do not count. */
export function importEdges(root: string, files: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of files) {
    // Whole-line comments first (a banner may mention `/*`), then block comments that open a line.
    const text = readFileSync(join(root, from), 'utf8').replace(/^\s*\/\/.*$/gm, '').replace(/^\s*\/\*[\s\S]*?\*\//gm, '');
    for (const match of text.matchAll(STATIC_IMPORT)) {
      const clause = match[3] ?? '';
      const typeOnly = Boolean(match[2]) || /^\{\s*\}\s+from\s+$/.test(clause.trim() + ' ') || isAllTypeClause(clause);
      edges.push({ from, to: resolveSpecifier(root, from, match[4]), typeOnly, dynamic: false });
    }
    for (const match of text.matchAll(DYNAMIC_IMPORT)) {
      edges.push({ from, to: resolveSpecifier(root, from, match[1]), typeOnly: false, dynamic: true });
    }
  }
  return edges;
}

/** `{ type A, type B } from` imports only types. */
function isAllTypeClause(clause: string): boolean {
  const braces = /^\s*\{([^}]*)\}\s+from\s*$/.exec(clause);
  if (!braces) return false;
  const names = braces[1].split(',').map((n) => n.trim()).filter(Boolean);
  return names.length > 0 && names.every((n) => n.startsWith('type '));
}

/** Runtime cycles: strongly connected groups of more than one file over static value imports. */
export function runtimeCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (e.typeOnly || e.dynamic || !/\.(ts|mts|mjs|js)$/.test(e.to)) continue;
    const list = next.get(e.from) ?? [];
    list.push(e.to);
    next.set(e.from, list);
  }
  // Tarjan's algorithm, iterative enough for a few thousand files.
  let counter = 0;
  const index = new Map<string, number>(), low = new Map<string, number>(), onStack = new Set<string>(), stack: string[] = [];
  const groups: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter); low.set(node, counter); counter++;
    stack.push(node); onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) { visit(to); low.set(node, Math.min(low.get(node)!, low.get(to)!)); }
      else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do { member = stack.pop()!; onStack.delete(member); group.push(member); } while (member !== node);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const node of next.keys()) if (!index.has(node)) visit(node);
  return groups;
}
