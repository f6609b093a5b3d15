// Reads every import of the server's source files with the TypeScript compiler's own pre-processor (static imports,
// `export … from`, `import type`, dynamic `import()` and `require`), resolved to paths relative to server/src.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import type { ImportEdge } from './graph.js';

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

function resolveSpecifier(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.js$/, '.tsx'),
    base,
    `${base}.ts`,
    join(base, 'index.ts'),
  ];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? base;
}

const toKey = (root: string, path: string): string => relative(root, path).split(sep).join('/');

/** All relative imports of the .ts files under root whose target is under root too. */
export function readImports(root: string): { files: string[]; edges: ImportEdge[] } {
  const files = sourceFiles(root);
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const imported of info.importedFiles) {
      const target = resolveSpecifier(file, imported.fileName);
      if (!target) continue;
      const to = toKey(root, target);
      if (to.startsWith('..')) continue;
      edges.push({ from: toKey(root, file), to });
    }
  }
  return { files: files.map((file) => toKey(root, file)), edges };
}
