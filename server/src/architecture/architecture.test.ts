import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAllowedArrows, findViolations } from './graph.js';
import { readImports } from './imports.js';
import { ALLOWED_ARROWS } from './layers.js';

// The server's own source, read as it is on disk: every import must keep the module map of layers.ts.
const root = fileURLToPath(new URL('..', import.meta.url));
const modules = readdirSync(join(root, 'modules'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('module boundaries of server/src', () => {
  const { files, edges } = readImports(root);

  it('reads the whole tree', () => {
    // A sanity floor, so that a broken reader cannot pass by reading nothing.
    expect(files.length).toBeGreaterThan(300);
    expect(edges.filter((edge) => edge.to.startsWith('modules/')).length).toBeGreaterThan(500);
  });

  it('gives every module a front door and a place in the module map', () => {
    expect(modules.filter((name) => !existsSync(join(root, 'modules', name, 'index.ts')))).toEqual([]);
    expect(Object.keys(ALLOWED_ARROWS).sort()).toEqual(modules);
  });

  it('declares a one-way module map', () => {
    expect(checkAllowedArrows(ALLOWED_ARROWS, modules)).toEqual([]);
  });

  it('has no deep import, no module imported by platform/ or adapters/, no undeclared arrow and no cycle', () => {
    expect(findViolations(edges, ALLOWED_ARROWS).map((violation) => violation.message)).toEqual([]);
  });

  it('is drawn the same in ARCHITECTURE.md ("Module map")', () => {
    const doc = readFileSync(join(root, '..', '..', 'ARCHITECTURE.md'), 'utf8');
    const block = doc.split('## Module map')[1]?.split('```')[1] ?? '';
    const drawn: Record<string, string[]> = {};
    for (const line of block.trim().split('\n')) {
      const [left, right] = line.split('->').map((part) => part.trim());
      const targets = right === '(nothing)' ? [] : right.split(',').map((name) => name.trim());
      for (const name of left.split(',')) drawn[name.trim()] = targets.sort();
    }
    const declared = Object.fromEntries(
      Object.entries(ALLOWED_ARROWS).map(([name, targets]) => [name, [...targets].sort()]),
    );
    expect(drawn).toEqual(declared);
  });
});
