import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { Database } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { idFloor } from '../../platform/ids.js';
import { publicKeyPem, signPayload, type SigningKey } from '../../platform/signing.js';
import { defineJob, type JobContext, type LocalJobRunner } from '../jobs/index.js';
import { readHeads, writeCheckpoint } from './export.js';
import { headStatement, leafBytes, leafOf, SEAL_SOURCES, type SealKind, type SealLeaf } from './leaves.js';
import { CompactRange, consistencyProof, inclusionProof, treeHasher, type HashAlgorithm } from './merkle.js';
import {
  headOfSize,
  headsAfter,
  insertHead,
  insertLeaves,
  latestHead,
  leafHashes,
  leafOfRecord,
  leavesBetween,
  recordsAfter,
  type HeadRow,
} from './seal.repository.js';

export const sealPermissions = declarePermissions({
  // The tree is platform-wide and its proofs carry hashes only: regulators and the operator read it whole.
  'seal.read': ['regulator', 'operator'],
});

/** The checkpoint's schedule: each run queues the next (registered in jobs.registry.ts). */
export const SEAL_JOB = defineJob({
  id: 'seal.checkpoint',
  payload: Type.Object({}, { additionalProperties: false }),
  maxAttempts: 3,
  leaseSeconds: 900,
  handler: (_payload, { services }: JobContext<{ seal: SealService }>) => services.seal.scheduledRun(),
});

export type SealOptions = {
  /** Where the export goes (var/seal by default). */
  dir: string;
  /** Hash of a new tree; an existing tree keeps the algorithm of its first head. */
  hash: HashAlgorithm;
  intervalSeconds: number;
  /** Records younger than this may still be committing on another node: a checkpoint stays behind them. */
  lagMs: number;
  /** Records read per statement. */
  page: number;
};

export type TreeHead = {
  treeSize: number;
  rootHash: string;
  algorithm: HashAlgorithm;
  timestamp: string;
  keyId: string;
  signature: string;
};

export type InclusionAnswer = {
  leaf: { index: number; kind: SealKind; id: string; subject: string | null; digest: string; leafHash: string };
  head: TreeHead;
  /** Hex hashes of the audit path, leaf to root (RFC 6962 §2.1.1). */
  proof: string[];
};

export type ConsistencyAnswer = { first: TreeHead; second: TreeHead; proof: string[] };

function treeHeadOf(row: HeadRow): TreeHead {
  return {
    treeSize: row.treeSize,
    rootHash: row.rootHash,
    algorithm: row.algorithm as HashAlgorithm,
    timestamp: row.timestamp,
    keyId: row.keyId,
    signature: row.signature,
  };
}

/**
 * Signed checkpoints over the evidence (issue 18, docs/evidence-seal.md). Each run appends a leaf for every record
 * of the sealed sources created since the last checkpoint (per source by id, UUIDv7 = creation order, the sources in
 * SEAL_SOURCES order), computes the RFC 6962 tree head, signs it with Ed25519, stores leaves and head in one
 * transaction (two runners racing collide on the leaf index and one rolls back), then copies what the export folder
 * lacks to it. A checkpoint passes only records older than `lagMs` by their id's clock, so a record still committing
 * on another node is sealed next time rather than skipped.
 */
export class SealService {
  private readonly options: SealOptions;
  private readonly systemNow: () => number;

  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      key: SigningKey;
      jobs?: LocalJobRunner;
      options: Partial<SealOptions> & Pick<SealOptions, 'dir'>;
      systemNow?: () => number;
    },
  ) {
    this.options = { hash: 'sha256', intervalSeconds: 300, lagMs: 60_000, page: 5_000, ...deps.options };
    // Record ids carry the system clock (uuid v7), so the settle bound is taken from the same clock.
    this.systemNow = deps.systemNow ?? Date.now;
  }

  get exportDir(): string {
    return this.options.dir;
  }

  publicKeyPem(): string {
    return publicKeyPem(this.deps.key.publicKey);
  }

  publicKey(): { algorithm: 'Ed25519'; keyId: string; publicKeyPem: string } {
    return { algorithm: 'Ed25519', keyId: this.deps.key.keyId, publicKeyPem: this.publicKeyPem() };
  }

  /** One run of the SEAL_JOB schedule: the next run is queued first, so a failing run never ends the schedule. */
  async scheduledRun(): Promise<void> {
    await this.schedule(this.options.intervalSeconds);
    await this.checkpoint();
  }

  /** Queues the next run unless one is queued; finished runs older than a day are cleared away. */
  async schedule(delaySeconds = 0): Promise<void> {
    const { db, jobs } = this.deps;
    await jobs?.queueNext(db, SEAL_JOB, {}, { delaySeconds });
  }

  /**
   * Seals what was appended since the last checkpoint and exports it. Returns the new head, or null when nothing new
   * had settled. `settledBefore` (ms, the ids' clock) overrides now − lag.
   */
  async checkpoint(options: { settledBefore?: number } = {}): Promise<TreeHead | null> {
    const { db, clock, key } = this.deps;
    const watermark = idFloor(options.settledBefore ?? this.systemNow() - this.options.lagMs);
    const head = await db.transaction().execute(async (trx) => {
      const last = await latestHead(trx);
      const algorithm = (last?.algorithm as HashAlgorithm | undefined) ?? this.options.hash;
      const hasher = treeHasher(algorithm);
      const range = last
        ? CompactRange.resume(
            hasher,
            last.treeSize,
            last.peaks.map((p) => Buffer.from(p, 'hex')),
          )
        : CompactRange.empty(hasher);
      const cursors = { ...(last?.cursors ?? {}) };
      const start = range.size;
      for (const source of SEAL_SOURCES) {
        for (;;) {
          const rows = await recordsAfter(trx, source, cursors[source.kind], watermark, this.options.page);
          if (rows.length === 0) break;
          const leaves = rows.map((row) => {
            const leaf = { ...leafOf(hasher, source, row), index: range.size };
            const leafHash = hasher.leaf(leafBytes(leaf));
            range.appendLeafHash(leafHash);
            return { ...leaf, leafHash: leafHash.toString('hex') };
          });
          await insertLeaves(trx, leaves);
          cursors[source.kind] = leaves[leaves.length - 1].id;
          if (rows.length < this.options.page) break;
        }
      }
      if (range.size === start) return null;
      const statement = {
        algorithm,
        treeSize: range.size,
        rootHash: range.root().toString('hex'),
        timestamp: clock.now().toISOString(),
        keyId: key.keyId,
      };
      const row: HeadRow = {
        ...statement,
        signature: signPayload(headStatement(statement), key),
        peaks: range.peaks().map((p) => p.toString('hex')),
        cursors,
      };
      await insertHead(trx, row);
      return treeHeadOf(row);
    });
    await this.exportSync();
    return head;
  }

  /** Writes to the export folder every head (and its leaves) the folder does not have yet. */
  async exportSync(): Promise<number> {
    const { heads } = readHeads(this.options.dir);
    let exported = heads.length ? heads[heads.length - 1].treeSize : 0;
    const missing = await headsAfter(this.deps.db, exported);
    for (const head of missing) {
      const leaves: SealLeaf[] = await leavesBetween(this.deps.db, exported, head.treeSize);
      writeCheckpoint(this.options.dir, exported, treeHeadOf(head), leaves, this.publicKeyPem());
      exported = head.treeSize;
    }
    return missing.length;
  }

  async latest(actor: Actor): Promise<TreeHead> {
    requirePermission(actor, sealPermissions['seal.read']);
    const head = await latestHead(this.deps.db);
    if (!head) throw new AppError('SEAL_NO_TREE_HEAD');
    return treeHeadOf(head);
  }

  /** The audit path of a sealed record in a signed tree (the latest, or the one of `treeSize`). */
  async inclusion(actor: Actor, input: { kind: SealKind; id: string; treeSize?: number }): Promise<InclusionAnswer> {
    requirePermission(actor, sealPermissions['seal.read']);
    const { db } = this.deps;
    const head = input.treeSize === undefined ? await latestHead(db) : await headOfSize(db, input.treeSize);
    if (!head) throw new AppError(input.treeSize === undefined ? 'SEAL_NO_TREE_HEAD' : 'SEAL_TREE_SIZE_UNKNOWN');
    const leaf = await leafOfRecord(db, input.kind, input.id);
    if (!leaf || leaf.index >= head.treeSize) throw new AppError('SEAL_RECORD_NOT_SEALED');
    const hasher = treeHasher(head.algorithm as HashAlgorithm);
    const proof = inclusionProof(hasher, await leafHashes(db, head.treeSize), leaf.index, head.treeSize);
    return { leaf, head: treeHeadOf(head), proof: proof.map((p) => p.toString('hex')) };
  }

  /** The proof that the tree of the first head is a prefix of the tree of the second (both signed heads). */
  async consistency(actor: Actor, input: { first: number; second: number }): Promise<ConsistencyAnswer> {
    requirePermission(actor, sealPermissions['seal.read']);
    const { db } = this.deps;
    if (input.first > input.second) throw new AppError('VALIDATION_FAILED', { field: 'first' });
    const [first, second] = await Promise.all([headOfSize(db, input.first), headOfSize(db, input.second)]);
    if (!first) throw new AppError('SEAL_TREE_SIZE_UNKNOWN', { field: 'first' });
    if (!second) throw new AppError('SEAL_TREE_SIZE_UNKNOWN', { field: 'second' });
    const hasher = treeHasher(second.algorithm as HashAlgorithm);
    const proof = consistencyProof(hasher, await leafHashes(db, second.treeSize), first.treeSize, second.treeSize);
    return { first: treeHeadOf(first), second: treeHeadOf(second), proof: proof.map((p) => p.toString('hex')) };
  }
}
