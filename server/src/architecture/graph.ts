// The module graph, as plain data: which file imports which, which unit (module or top-level area) each file
// belongs to, and the rules the layering must keep. No I/O here, so the checker itself is tested on synthetic graphs
// (graph.test.ts) and the architecture test only feeds it the real files.

/** One static import, `export … from` or dynamic `import()` of a file under server/src, paths relative to it. */
export interface ImportEdge {
  from: string;
  to: string;
}

export type Violation =
  | { kind: 'deep-import'; from: string; to: string; message: string }
  | { kind: 'domain-free-imports-module'; from: string; to: string; message: string }
  | { kind: 'undeclared-arrow'; from: string; to: string; message: string }
  | { kind: 'cycle'; path: string[]; message: string };

/** The layering: for every module, the modules it may import (through their front doors). */
export type AllowedArrows = Readonly<Record<string, readonly string[]>>;

/** The unit a file belongs to: `modules/<name>` gives the module name; otherwise the first path segment. */
export function unitOf(path: string): { kind: 'module' | 'area'; name: string } {
  const parts = path.split('/');
  if (parts[0] === 'modules' && parts.length > 2) return { kind: 'module', name: parts[1] };
  return { kind: 'area', name: parts.length > 1 ? parts[0] : parts[0].replace(/\.[jt]sx?$/, '') };
}

/** A module's front door: `modules/<name>/index.ts`. Test files may also use a module's `*.testkit.ts`. */
function isFrontDoor(from: string, to: string): boolean {
  const parts = to.split('/');
  if (parts.length !== 3) return false;
  if (parts[2] === 'index.ts') return true;
  return isTestFile(from) && parts[2].endsWith('.testkit.ts');
}

export function isTestFile(path: string): boolean {
  return /\.(test|testkit)\.ts$/.test(path);
}

/** Areas that must stay domain-free: they import no module at all. */
export const DOMAIN_FREE_AREAS: readonly string[] = ['platform', 'adapters'];

/**
 * Module-to-module arrows of the running code, each with one example import for the message. Tests are left out:
 * a test may build its world with a higher module's testkit (a learning test opens a class), which is no dependency
 * of the code it tests; they still go through front doors.
 */
export function moduleArrows(edges: readonly ImportEdge[]): Map<string, Map<string, ImportEdge>> {
  const arrows = new Map<string, Map<string, ImportEdge>>();
  for (const edge of edges) {
    if (isTestFile(edge.from)) continue;
    const from = unitOf(edge.from);
    const to = unitOf(edge.to);
    if (from.kind !== 'module' || to.kind !== 'module' || from.name === to.name) continue;
    let targets = arrows.get(from.name);
    if (!targets) arrows.set(from.name, (targets = new Map<string, ImportEdge>()));
    if (!targets.has(to.name)) targets.set(to.name, edge);
  }
  return arrows;
}

/**
 * Every elementary cycle is not needed: one cycle per strongly connected component is enough to fail and to show
 * where to cut. Tarjan's algorithm finds the components; a breadth-first search inside one gives a short cycle.
 */
export function findCycles(graph: ReadonlyMap<string, Iterable<string>>): string[][] {
  const nodes = new Set<string>();
  for (const [from, tos] of graph) {
    nodes.add(from);
    for (const to of tos) nodes.add(to);
  }
  const next = (node: string): string[] => [...(graph.get(node) ?? [])].sort();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const to of next(node)) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      const selfLoop = component.length === 1 && next(node).includes(node);
      if (component.length > 1 || selfLoop) components.push(component.sort());
    }
  };
  for (const node of [...nodes].sort()) if (!index.has(node)) visit(node);

  return components.map((component) => {
    const members = new Set(component);
    const start = component[0];
    // Shortest path from start's successors back to start, staying inside the component.
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
      const node = queue.shift()!;
      for (const to of next(node)) {
        if (!members.has(to)) continue;
        if (to === start) {
          const path = [start];
          for (let at = node; at !== start; at = previous.get(at)!) path.splice(1, 0, at);
          return [...path, start];
        }
        if (!previous.has(to)) {
          previous.set(to, node);
          queue.push(to);
        }
      }
    }
    return [start, start];
  });
}

/** Everything wrong with the imports against the rules and the declared arrows. */
export function findViolations(edges: readonly ImportEdge[], allowed: AllowedArrows): Violation[] {
  const violations: Violation[] = [];
  for (const edge of edges) {
    const from = unitOf(edge.from);
    const to = unitOf(edge.to);
    if (to.kind !== 'module' || (from.kind === 'module' && from.name === to.name)) continue;
    if (from.kind === 'area' && DOMAIN_FREE_AREAS.includes(from.name)) {
      violations.push({
        kind: 'domain-free-imports-module',
        ...edge,
        message: `${edge.from} imports ${edge.to}: ${from.name}/ must not import any module`,
      });
      continue;
    }
    if (!isFrontDoor(edge.from, edge.to)) {
      violations.push({
        kind: 'deep-import',
        ...edge,
        message: `${edge.from} imports ${edge.to}: use modules/${to.name}/index.ts`,
      });
    }
  }
  const arrows = moduleArrows(edges);
  for (const [from, targets] of arrows) {
    for (const [to, example] of targets) {
      if (allowed[from]?.includes(to)) continue;
      violations.push({
        kind: 'undeclared-arrow',
        from: example.from,
        to: example.to,
        message: `module ${from} imports module ${to} (${example.from} -> ${example.to}), not an allowed arrow`,
      });
    }
  }
  const graph = new Map([...arrows].map(([from, targets]) => [from, [...targets.keys()]]));
  for (const path of findCycles(graph)) {
    violations.push({ kind: 'cycle', path, message: `module cycle: ${path.join(' -> ')}` });
  }
  return violations;
}

/** The declared layering must itself be one-way and name only known modules. */
export function checkAllowedArrows(allowed: AllowedArrows, modules: readonly string[]): string[] {
  const problems: string[] = [];
  for (const [from, tos] of Object.entries(allowed)) {
    for (const name of [from, ...tos]) {
      if (!modules.includes(name)) problems.push(`allowed arrows name an unknown module: ${name}`);
    }
  }
  for (const path of findCycles(new Map(Object.entries(allowed)))) {
    problems.push(`allowed arrows form a cycle: ${path.join(' -> ')}`);
  }
  return problems;
}
