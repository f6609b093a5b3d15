import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SEAL_KINDS, type SealKind, type SealLeaf } from './leaves.js';

// The export that leaves the platform (docs/evidence-seal.md): a folder only ever added to.
//   heads.jsonl                           one signed tree head per line, oldest first (appended)
//   leaves-<from>-<to>.jsonl              the leaves [from, to) a checkpoint added, one per line (written once)
//   public-key.pem                        the seal's Ed25519 public key, for convenience (a regulator keeps their own)
// Leaf files are written under a temporary name and renamed, then the head is appended, so a crash leaves at most a
// leaf file whose head is missing; the next checkpoint writes that file again (same bytes) and appends the head.

export type ExportedHead = {
  treeSize: number;
  rootHash: string;
  algorithm: string;
  timestamp: string;
  keyId: string;
  signature: string;
};

export const HEADS_FILE = 'heads.jsonl';
export const PUBLIC_KEY_FILE = 'public-key.pem';
const pad = (n: number): string => String(n).padStart(12, '0');
const LEAF_FILE = /^leaves-(\d{12})-(\d{12})\.jsonl$/;

export function leafFileName(from: number, to: number): string {
  return `leaves-${pad(from)}-${pad(to)}.jsonl`;
}

export function writeCheckpoint(
  dir: string,
  from: number,
  head: ExportedHead,
  leaves: readonly SealLeaf[],
  publicKeyPem: string,
): void {
  mkdirSync(dir, { recursive: true });
  const keyFile = path.join(dir, PUBLIC_KEY_FILE);
  if (!existsSync(keyFile)) writeFileSync(keyFile, publicKeyPem);
  const name = leafFileName(from, head.treeSize);
  const tmp = path.join(dir, `.${name}.tmp`);
  writeFileSync(
    tmp,
    leaves
      .map((l) => JSON.stringify({ index: l.index, kind: l.kind, id: l.id, subject: l.subject, digest: l.digest }))
      .join('\n') + (leaves.length ? '\n' : ''),
  );
  renameSync(tmp, path.join(dir, name));
  const line: ExportedHead = {
    treeSize: head.treeSize,
    rootHash: head.rootHash,
    algorithm: head.algorithm,
    timestamp: head.timestamp,
    keyId: head.keyId,
    signature: head.signature,
  };
  appendFileSync(path.join(dir, HEADS_FILE), `${JSON.stringify(line)}\n`);
}

export type ExportProblem = { code: 'export_malformed'; message: string };

/** The heads of an export, in file order; a line that is not a head is a problem, not an exception. */
export function readHeads(dir: string): { heads: ExportedHead[]; problems: ExportProblem[] } {
  const file = path.join(dir, HEADS_FILE);
  if (!existsSync(file)) return { heads: [], problems: [] };
  const heads: ExportedHead[] = [];
  const problems: ExportProblem[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const parsed = parseJson(line) as Partial<ExportedHead> | null;
      if (
        parsed &&
        Number.isSafeInteger(parsed.treeSize) &&
        typeof parsed.rootHash === 'string' &&
        typeof parsed.algorithm === 'string' &&
        typeof parsed.timestamp === 'string' &&
        typeof parsed.keyId === 'string' &&
        typeof parsed.signature === 'string'
      )
        heads.push(parsed as ExportedHead);
      else problems.push({ code: 'export_malformed', message: `${HEADS_FILE} line ${i + 1} is not a tree head` });
    });
  return { heads, problems };
}

/** The leaf files of an export, by their range, in order of `from`. */
export function leafFiles(dir: string): { from: number; to: number; file: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => ({ name, m: LEAF_FILE.exec(name) }))
    .filter((x) => x.m !== null)
    .map(({ name, m }) => ({ from: Number(m![1]), to: Number(m![2]), file: path.join(dir, name) }))
    .sort((a, b) => a.from - b.from || a.to - b.to);
}

/** The leaves of one file; malformed lines are problems. */
export function readLeaves(file: string): { leaves: SealLeaf[]; problems: ExportProblem[] } {
  const leaves: SealLeaf[] = [];
  const problems: ExportProblem[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const p = parseJson(line) as Partial<SealLeaf> | null;
      if (
        p &&
        Number.isSafeInteger(p.index) &&
        (SEAL_KINDS as readonly string[]).includes(p.kind as string) &&
        typeof p.id === 'string' &&
        (p.subject === null || typeof p.subject === 'string') &&
        typeof p.digest === 'string'
      )
        leaves.push({ index: p.index!, kind: p.kind as SealKind, id: p.id, subject: p.subject, digest: p.digest });
      else problems.push({ code: 'export_malformed', message: `${path.basename(file)} line ${i + 1} is not a leaf` });
    });
  return { leaves, problems };
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}
