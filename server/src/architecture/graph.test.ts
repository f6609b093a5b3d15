import { describe, expect, it } from 'vitest';
import { checkAllowedArrows, findCycles, findViolations, moduleArrows, unitOf, type ImportEdge } from './graph.js';

const edge = (from: string, to: string): ImportEdge => ({ from, to });

describe('unitOf', () => {
  it('names the module of a file under modules/ and the area of anything else', () => {
    expect(unitOf('modules/classes/classes.service.ts')).toEqual({ kind: 'module', name: 'classes' });
    expect(unitOf('modules/alerts/detectors/types.ts')).toEqual({ kind: 'module', name: 'alerts' });
    expect(unitOf('platform/time.ts')).toEqual({ kind: 'area', name: 'platform' });
    expect(unitOf('services.ts')).toEqual({ kind: 'area', name: 'services' });
  });
});

describe('findCycles', () => {
  it('finds no cycle in a layered graph', () => {
    expect(
      findCycles(
        new Map([
          ['a', ['b', 'c']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('finds a cycle of two and reports its path', () => {
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'a']]);
  });

  it('finds a longer cycle behind a tail, as a closed path of real arrows', () => {
    const graph = new Map([
      ['top', ['x']],
      ['x', ['y']],
      ['y', ['z']],
      ['z', ['x', 'leaf']],
    ]);
    expect(findCycles(graph)).toEqual([['x', 'y', 'z', 'x']]);
  });

  it('finds one cycle per tangle and a self-loop', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['a']],
      ['c', ['c']],
    ]);
    expect(findCycles(graph)).toEqual([
      ['a', 'b', 'a'],
      ['c', 'c'],
    ]);
  });
});

describe('findViolations', () => {
  const allowed = { audit: [], classes: ['audit'], learning: ['classes', 'audit'] };

  it('accepts imports through front doors along declared arrows', () => {
    const edges = [
      edge('modules/learning/learning.service.ts', 'modules/classes/index.ts'),
      edge('modules/classes/classes.service.ts', 'modules/audit/index.ts'),
      edge('modules/classes/classes.service.ts', 'modules/classes/class-scope.ts'),
      edge('services.ts', 'modules/learning/index.ts'),
      edge('modules/learning/learning.test.ts', 'modules/classes/classes.testkit.ts'),
      edge('modules/classes/classes.service.ts', 'platform/time.ts'),
    ];
    expect(findViolations(edges, allowed)).toEqual([]);
  });

  it('finds a deep import into another module, from a module or an area', () => {
    const edges = [
      edge('modules/learning/learning.service.ts', 'modules/classes/class-scope.ts'),
      edge('http/app.ts', 'modules/classes/classes.routes.ts'),
      // A testkit is a front door for tests only.
      edge('modules/learning/learning.service.ts', 'modules/classes/classes.testkit.ts'),
    ];
    expect(findViolations(edges, allowed).map((v) => [v.kind, v.message])).toEqual([
      [
        'deep-import',
        'modules/learning/learning.service.ts imports modules/classes/class-scope.ts: use modules/classes/index.ts',
      ],
      ['deep-import', 'http/app.ts imports modules/classes/classes.routes.ts: use modules/classes/index.ts'],
      [
        'deep-import',
        'modules/learning/learning.service.ts imports modules/classes/classes.testkit.ts: use modules/classes/index.ts',
      ],
    ]);
  });

  it('finds platform/ or adapters/ importing a module, even through its front door', () => {
    const edges = [
      edge('platform/context.ts', 'modules/identity/index.ts'),
      edge('adapters/db.ts', 'modules/audit/audit.tables.ts'),
    ];
    expect(findViolations(edges, allowed).map((v) => v.kind)).toEqual([
      'domain-free-imports-module',
      'domain-free-imports-module',
    ]);
  });

  it('finds an arrow the map does not declare', () => {
    const edges = [edge('modules/audit/audit.service.ts', 'modules/classes/index.ts')];
    const violations = findViolations(edges, { ...allowed, audit: ['classes'], classes: [] });
    expect(violations.map((v) => v.kind)).toEqual([]);
    expect(findViolations(edges, allowed).map((v) => v.kind)).toEqual(['undeclared-arrow']);
  });

  it('finds a cycle between modules and prints its path', () => {
    const edges = [
      edge('modules/classes/classes.service.ts', 'modules/learning/index.ts'),
      edge('modules/learning/learning.service.ts', 'modules/classes/index.ts'),
    ];
    const both = { audit: [], classes: ['learning'], learning: ['classes'] };
    expect(findViolations(edges, both)).toEqual([
      {
        kind: 'cycle',
        path: ['classes', 'learning', 'classes'],
        message: 'module cycle: classes -> learning -> classes',
      },
    ]);
  });

  it('leaves test files out of the module graph but not out of the front-door rule', () => {
    const edges = [
      edge('modules/classes/classes.test.ts', 'modules/learning/index.ts'),
      edge('modules/learning/learning.service.ts', 'modules/classes/index.ts'),
    ];
    expect(moduleArrows(edges).get('classes')).toBeUndefined();
    expect(findViolations(edges, allowed)).toEqual([]);
    const deep = [edge('modules/classes/classes.test.ts', 'modules/learning/records.ts')];
    expect(findViolations(deep, allowed).map((v) => v.kind)).toEqual(['deep-import']);
  });
});

describe('checkAllowedArrows', () => {
  it('accepts a one-way map of known modules', () => {
    expect(checkAllowedArrows({ a: ['b'], b: [] }, ['a', 'b'])).toEqual([]);
  });

  it('refuses a map with a cycle or an unknown module', () => {
    expect(checkAllowedArrows({ a: ['b'], b: ['a'] }, ['a', 'b'])).toEqual([
      'allowed arrows form a cycle: a -> b -> a',
    ]);
    expect(checkAllowedArrows({ a: ['ghost'] }, ['a'])).toEqual(['allowed arrows name an unknown module: ghost']);
  });
});
