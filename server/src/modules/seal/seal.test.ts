import { generateKeyPairSync } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { publicKeyFromPem } from '../../platform/signing.js';
import { call, createTestPlatform, DEMO, login, type TestPlatform } from '../../testing/platform.js';
import { chain, verifyAllChains, type RecordDraft, type RecordRow } from '../learning/index.js';
import { leafFileName } from './export.js';
import { leafBytes } from './leaves.js';
import { treeHasher, verifyConsistency, verifyInclusion } from './merkle.js';
import { SEAL_JOB, SealService } from './seal.service.js';
import { describeProblems, verifyExport, type SealProblem } from './verify.js';

let p: TestPlatform;
let seal: SealService;
const learnerA = newId();
const learnerB = newId();
let recordsA: RecordRow[] = [];
let recordsB: RecordRow[] = [];
const later = () => Date.now() + 60_000;

function drafts(userId: string, n: number): RecordDraft[] {
  const sessionId = newId();
  return Array.from({ length: n }, (_, i) => ({
    id: newId(),
    user_id: userId,
    session_id: sessionId,
    kind: 'heartbeat',
    at: new Date(Date.UTC(2026, 11, 1, 8, 0, i)).toISOString(),
    data: JSON.stringify({ positionMs: i * 20_000 }),
    credited_ms: 20_000,
  }));
}

async function verify(db = true) {
  return verifyExport(seal.exportDir, publicKeyFromPem(seal.publicKeyPem()), db ? { db: p.database.db } : {});
}
const codes = (problems: SealProblem[]) => problems.map((x) => `${x.code} ${x.kind ?? ''} ${x.id ?? ''}`.trim());

beforeAll(async () => {
  p = await createTestPlatform();
  seal = p.services.seal;
  recordsA = chain({ seq: 0, hash: '0'.repeat(64) }, drafts(learnerA, 5)).rows;
  recordsB = chain({ seq: 0, hash: '0'.repeat(64) }, drafts(learnerB, 4)).rows;
  await p.database.db
    .insertInto('learning_records')
    .values([...recordsA, ...recordsB])
    .execute();
});
afterAll(async () => {
  await p?.drop();
});

describe('signed checkpoints', () => {
  it('seals every evidence record, signs the head and exports it; the export verifies against the database', async () => {
    const audits = Number(
      (
        await p.database.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(audits, 'the demo world has audit entries').toBeGreaterThan(0);
    const head = await seal.checkpoint({ settledBefore: later() });
    expect(head).toMatchObject({ treeSize: 9 + audits, algorithm: 'sha256' });
    expect(await seal.checkpoint({ settledBefore: later() }), 'nothing new, no new head').toBeNull();
    const report = await verify();
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ heads: 1, leaves: 9 + audits, treeSize: 9 + audits, recordsChecked: 9 + audits });
  });

  it('runs as a periodic job that queues its next run', async () => {
    await seal.schedule();
    expect(await p.services.jobs.drain({ type: SEAL_JOB })).toBe(1);
    const next = await p.database.db
      .selectFrom('jobs')
      .select(['status', 'run_at'])
      .where('type', '=', SEAL_JOB.id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    expect(next, 'the next run is queued').toBeDefined();
    expect(Date.parse(next!.run_at) - p.clock.now().getTime()).toBe(300_000);
  });

  it('leaves records younger than the lag for the next checkpoint', async () => {
    const before = (await seal.latest({ userId: 'x', role: 'operator' } as never)).treeSize;
    await login(p, DEMO.teacherA); // one more audit entry, made now
    expect(await seal.checkpoint({ settledBefore: Date.now() - 60_000 })).toBeNull();
    const head = await seal.checkpoint({ settledBefore: later() });
    expect(head!.treeSize).toBeGreaterThan(before);
    expect((await verify()).problems).toEqual([]);
  });

  it('answers the latest head, inclusion and consistency proofs to regulators and the operator', async () => {
    const learner = await call(p, await login(p, DEMO.learnerA), 'GET', '/api/seal/tree-head');
    expect(learner.status).toBe(403);
    const regulator = await login(p, DEMO.hangzhouRegulator);
    const head = (await call(p, regulator, 'GET', '/api/seal/tree-head')).body;
    const record = recordsA[2];
    const inc = await call(p, regulator, 'GET', `/api/seal/inclusion?kind=learning_record&id=${record.id}`);
    expect(inc.status).toBe(200);
    expect(inc.body.leaf).toMatchObject({ kind: 'learning_record', id: record.id, subject: learnerA });
    const h = treeHasher('sha256');
    const leafHash = h.leaf(leafBytes(inc.body.leaf));
    expect(leafHash.toString('hex')).toBe(inc.body.leaf.leafHash);
    const proof = (inc.body.proof as string[]).map((x) => Buffer.from(x, 'hex'));
    expect(
      verifyInclusion(h, leafHash, inc.body.leaf.index, head.treeSize, proof, Buffer.from(head.rootHash, 'hex')),
    ).toBe(true);
    const unknown = await call(p, regulator, 'GET', `/api/seal/inclusion?kind=face_check&id=${record.id}`);
    expect(unknown.body.error.code).toBe('SEAL_RECORD_NOT_SEALED');

    const first = 9;
    const none = await call(p, regulator, 'GET', `/api/seal/consistency?first=${first}&second=${head.treeSize}`);
    expect(none.body.error.code, 'only signed heads are compared').toBe('SEAL_TREE_SIZE_UNKNOWN');
    const heads = readFileSync(path.join(seal.exportDir, 'heads.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const cons = await call(
      p,
      regulator,
      'GET',
      `/api/seal/consistency?first=${heads[0].treeSize}&second=${head.treeSize}`,
    );
    expect(cons.status).toBe(200);
    expect(
      verifyConsistency(
        h,
        cons.body.first.treeSize,
        cons.body.second.treeSize,
        Buffer.from(heads[0].rootHash, 'hex'),
        Buffer.from(head.rootHash, 'hex'),
        (cons.body.proof as string[]).map((x) => Buffer.from(x, 'hex')),
      ),
    ).toBe(true);
    const key = await call(p, null, 'GET', '/api/public/seal-key');
    expect(key.body).toMatchObject({ algorithm: 'Ed25519', publicKeyPem: seal.publicKeyPem() });
  });
});

describe('tampering after a checkpoint (each passes the chain checks, each is caught by the seal)', () => {
  const db = () => p.database.db;

  it('deleting the last record of a learner', async () => {
    const last = recordsA[recordsA.length - 1];
    await db().deleteFrom('learning_records').where('id', '=', last.id).execute();
    expect((await verifyAllChains(db(), [learnerA])).broken, 'the chain alone does not notice').toEqual([]);
    const report = await verify();
    expect(codes(report.problems)).toEqual([`record_missing learning_record ${last.id}`]);
    expect(report.problems[0].subject).toBe(learnerA);
    await db().insertInto('learning_records').values(last).execute();
    expect((await verify()).problems).toEqual([]);
  });

  it("deleting all of one learner's records", async () => {
    await db().deleteFrom('learning_records').where('user_id', '=', learnerB).execute();
    expect((await verifyAllChains(db())).broken).toEqual([]);
    const report = await verify();
    expect(codes(report.problems).sort()).toEqual(recordsB.map((r) => `record_missing learning_record ${r.id}`).sort());
    expect(describeProblems(report.problems)).toEqual([
      `RECORD_MISSING  4 sealed learning_record of learner ${learnerB} gone: ${recordsB.map((r) => r.id).join(', ')}`,
    ]);
    await db().insertInto('learning_records').values(recordsB).execute();
  });

  it('editing a record and recomputing the rest of its chain', async () => {
    const forged = recordsA.map((r) => ({ ...r }));
    forged[1].credited_ms = 0;
    // Re-chain from the edited record on, as an insider with write access would.
    const relinked = chain(
      { seq: forged[0].chain_seq, hash: forged[0].hash },
      forged.slice(1).map(({ chain_seq: _s, prev_hash: _p, hash: _h, ...draft }) => draft),
    ).rows;
    for (const row of relinked)
      await db()
        .updateTable('learning_records')
        .set({ credited_ms: row.credited_ms, prev_hash: row.prev_hash, hash: row.hash })
        .where('id', '=', row.id)
        .execute();
    expect((await verifyAllChains(db(), [learnerA])).broken, 'the rewritten chain is whole').toEqual([]);
    const report = await verify();
    expect(codes(report.problems)).toEqual(recordsA.slice(1).map((r) => `record_changed learning_record ${r.id}`));
    for (const row of recordsA.slice(1))
      await db()
        .updateTable('learning_records')
        .set({ credited_ms: row.credited_ms, prev_hash: row.prev_hash, hash: row.hash })
        .where('id', '=', row.id)
        .execute();
  });

  it('deleting the newest audit entries', async () => {
    // The sign-ins above wrote entries since the last checkpoint: seal them first.
    expect(await seal.checkpoint({ settledBefore: later() })).not.toBeNull();
    const newest = await db().selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(2).execute();
    await db()
      .deleteFrom('audit_log')
      .where(
        'id',
        'in',
        newest.map((r) => r.id),
      )
      .execute();
    expect(await p.services.audit.verifyChain(), 'the audit chain alone does not notice').toMatchObject({ ok: true });
    const report = await verify();
    expect(codes(report.problems).sort()).toEqual(newest.map((r) => `record_missing audit_entry ${r.id}`).sort());
    await db().insertInto('audit_log').values(newest).execute();
  });

  it('inserting a record among sealed ones afterwards', async () => {
    const sealed = await db()
      .selectFrom('seal_leaves')
      .select('record_id')
      .where('kind', '=', 'learning_record')
      .execute();
    const maxId = sealed
      .map((r) => r.record_id)
      .sort()
      .at(-1)!;
    // An id below the last sealed one: created "back then", which the seal never saw.
    const backdated = { ...recordsA[0], id: `${maxId.slice(0, 30)}000000`, chain_seq: 99 };
    expect(backdated.id < maxId).toBe(true);
    await db().insertInto('learning_records').values(backdated).execute();
    expect(codes((await verify()).problems)).toEqual([`record_unsealed learning_record ${backdated.id}`]);
    await db().deleteFrom('learning_records').where('id', '=', backdated.id).execute();
  });
});

describe('the export on its own', () => {
  function copy(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'yx-seal-'));
    cpSync(seal.exportDir, dir, { recursive: true });
    return dir;
  }
  const key = () => publicKeyFromPem(seal.publicKeyPem());

  it('verifies offline without a database', async () => {
    expect((await verify(false)).problems).toEqual([]);
  });

  it('a changed leaf no longer gives the signed root', async () => {
    const dir = copy();
    const heads = readFileSync(path.join(dir, 'heads.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const file = path.join(dir, leafFileName(0, heads[0].treeSize));
    const lines = readFileSync(file, 'utf8').split('\n');
    const leaf = JSON.parse(lines[0]);
    lines[0] = JSON.stringify({ ...leaf, digest: '0'.repeat(64) });
    writeFileSync(file, lines.join('\n'));
    const problems = (await verifyExport(dir, key())).problems.map((x) => x.code);
    expect(problems).toContain('head_root_mismatch');
  });

  it('a head signed by another key, or edited, fails its signature', async () => {
    const dir = copy();
    const headsFile = path.join(dir, 'heads.jsonl');
    const heads = readFileSync(headsFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const last = heads[heads.length - 1];
    writeFileSync(
      headsFile,
      [...heads.slice(0, -1), { ...last, timestamp: '2020-01-01T00:00:00.000Z' }]
        .map((h) => JSON.stringify(h))
        .join('\n') + '\n',
    );
    expect((await verifyExport(dir, key())).problems.map((x) => x.code)).toEqual(['head_signature_invalid']);
    const other = publicKeyFromPem(
      generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    );
    expect(new Set((await verifyExport(dir, other)).problems.map((x) => x.code))).toEqual(
      new Set(['head_key_unknown']),
    );
  });

  it('a missing leaf file or a dropped head is reported', async () => {
    const dir = copy();
    appendFileSync(path.join(dir, 'heads.jsonl'), 'not a head\n');
    expect((await verifyExport(dir, key())).problems.map((x) => x.code)).toEqual(['export_malformed']);
  });
});
