import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import type { Clock } from '../../platform/clock.js';
import type { PiiCipher } from '../../platform/crypto.js';
import { newId } from '../../platform/ids.js';
import type { FaceEvidence } from './face-evidence.js';
import { FaceIndexHasher, type RawBucket } from './face-index.js';
import type { FaceAlertKind } from './faces.tables.js';

/** Another account whose enrolled face is within the threshold of a face, and how it was found. */
export type SameFace = { userId: string; enrolmentId: string; distance: number; via: 'scope' | 'index' };

/** What a verification hands over once its check is stored (only checks with a usable face). */
export type CheckedFace = {
  userId: string;
  checkId: string;
  enrolmentId: string;
  descriptor: Float32Array;
  result: 'pass' | 'fail';
  distance: number;
  threshold: number;
  context: { kind: string; id: string | null };
};

/** Evidence kept on an alert raised by checks: the checks themselves (newest last, at most MAX_EVIDENCE) and a count. */
export type CheckEvidence = { count: number; checks: { id: string; distance: number; at: string; context: string }[] };

const MAX_EVIDENCE = 20;
/** Alerts on the same accounts within this window gather their checks instead of repeating. */
const ALERT_WINDOW_MS = 24 * 3600_000;
const ACTIVE = ['active', 'pending'] as const;

/**
 * Account sharing caught by the face: one face on several accounts, and another face on one account.
 *
 * Where a face is compared: exactly with every enrolled face of the learner's institution and of the classes the
 * learner is in (where a lent account usually goes), and platform-wide through the bucket index (`face_index`,
 * face-index.ts): the keys of the face are looked up, stored faces sharing enough buckets are the candidates, and
 * only those are decrypted and measured. Bucket keys are keyed hashes (HMAC with the lookup key), so the table
 * shows which faces share a bucket, never the projections of a face.
 */
export class AccountSharing {
  readonly hasher: FaceIndexHasher;

  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      cipher: PiiCipher;
      evidence: FaceEvidence;
      hasher?: FaceIndexHasher;
    },
  ) {
    this.hasher = deps.hasher ?? new FaceIndexHasher();
  }

  private key(bucket: RawBucket): string {
    // 128 bits of the HMAC are plenty for a bucket name and keep the index small.
    return this.deps.cipher
      .lookupHash('face-index', this.hasher.bucketText(this.deps.evidence.engine.name, bucket))
      .slice(0, 22);
  }

  /** Files a stored face under its buckets (in the caller's transaction, with the enrolment row). */
  async index(trx: DbOrTrx, enrolmentId: string, descriptor: Float32Array): Promise<void> {
    const rows = this.hasher.buckets(descriptor).map((b) => ({ bucket: this.key(b), enrolment_id: enrolmentId }));
    await trx
      .insertInto('face_index')
      .values(rows)
      .onConflict((oc) => oc.columns(['bucket', 'enrolment_id']).doNothing())
      .execute();
  }

  /** Indexes active and pending faces stored before the index existed (or by an older key version); returns how many. */
  async reindexMissing(batch = 500): Promise<number> {
    const { db, evidence } = this.deps;
    let done = 0;
    for (;;) {
      const rows = await db
        .selectFrom('face_enrolments')
        .select(['id', 'descriptor_enc'])
        .where('status', 'in', [...ACTIVE])
        .where('engine', '=', evidence.engine.name)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('face_index')
                .select('face_index.enrolment_id')
                .whereRef('face_index.enrolment_id', '=', 'face_enrolments.id'),
            ),
          ),
        )
        .limit(batch)
        .execute();
      if (rows.length === 0) return done;
      await db.transaction().execute(async (trx) => {
        for (const row of rows) await this.index(trx, row.id, evidence.openDescriptor(row.descriptor_enc));
      });
      done += rows.length;
    }
  }

  /** The enrolment ids the index proposes for a face: sharing buckets in at least `minVotes` tables, most votes first. */
  async indexCandidates(db: DbOrTrx, descriptor: Float32Array): Promise<string[]> {
    const keys = [...new Set(this.hasher.probes(descriptor).map((b) => this.key(b)))];
    const votes = (eb: ExpressionBuilder<Database, 'face_index'>) => eb.fn.countAll();
    const rows = await db
      .selectFrom('face_index')
      .select('enrolment_id')
      .where('bucket', 'in', keys)
      .groupBy('enrolment_id')
      .having(votes, '>=', this.hasher.params.minVotes)
      .orderBy(votes, 'desc')
      .limit(this.hasher.params.maxCandidates)
      .execute();
    return rows.map((r) => r.enrolment_id);
  }

  /**
   * Other accounts whose active or pending face is within the threshold of this one, closest first, one per
   * account: exactly within the learner's institution and classes, through the index everywhere else.
   */
  async sameFaceElsewhere(db: DbOrTrx, userId: string, descriptor: Float32Array): Promise<SameFace[]> {
    const { evidence } = this.deps;
    // Who is compared exactly: the learner's institution and classmates (ids first, then their faces by user id: a
    // filter on status would let SQLite walk every active face through the status index instead).
    const user = await db.selectFrom('users').select('institution_id').where('id', '=', userId).executeTakeFirst();
    const scope = new Set<string>();
    if (user?.institution_id)
      for (const r of await db
        .selectFrom('users')
        .select('id')
        .where('institution_id', '=', user.institution_id)
        .execute())
        scope.add(r.id);
    const classmates = await db
      .selectFrom('enrolments as mine')
      .innerJoin('enrolments as other', 'other.class_id', 'mine.class_id')
      .select('other.user_id')
      .where('mine.user_id', '=', userId)
      .execute();
    for (const r of classmates) scope.add(r.user_id);
    scope.delete(userId);
    const scoped = await this.activeFaces(db, 'user_id', [...scope], userId);
    const seen = new Set(scoped.map((r) => r.id));
    const indexed = await this.activeFaces(
      db,
      'id',
      (await this.indexCandidates(db, descriptor)).filter((id) => !seen.has(id)),
      userId,
    );
    const best = new Map<string, SameFace>();
    const consider = (row: { id: string; user_id: string; descriptor_enc: string }, via: SameFace['via']) => {
      const distance = evidence.engine.distance(descriptor, evidence.openDescriptor(row.descriptor_enc));
      if (distance > evidence.engine.threshold) return;
      const known = best.get(row.user_id);
      if (!known || distance < known.distance)
        best.set(row.user_id, { userId: row.user_id, enrolmentId: row.id, distance, via });
    };
    for (const row of scoped) consider(row, 'scope');
    for (const row of indexed) consider(row, 'index');
    return [...best.values()].sort((a, b) => a.distance - b.distance);
  }

  /** Active and pending faces by enrolment or user id, other than the learner's own (status filtered here: see above). */
  private async activeFaces(db: DbOrTrx, column: 'id' | 'user_id', values: string[], except: string) {
    const out: { id: string; user_id: string; descriptor_enc: string }[] = [];
    // Chunks keep the statement under every driver's parameter limit.
    for (let i = 0; i < values.length; i += 500) {
      const rows = await db
        .selectFrom('face_enrolments')
        .select(['id', 'user_id', 'descriptor_enc', 'status'])
        .where(column, 'in', values.slice(i, i + 500))
        .execute();
      for (const row of rows)
        if ((row.status === 'active' || row.status === 'pending') && row.user_id !== except) out.push(row);
    }
    return out;
  }

  /**
   * After a stored check with a usable face: the face found on other accounts raises (or adds to) a
   * `same_face_other_account` alert per account, and a face that did not match the account's own enrolment raises
   * (or adds to) a `different_face` alert. Returns the alerts touched.
   */
  async afterCheck(check: CheckedFace): Promise<string[]> {
    const { db } = this.deps;
    const others = await this.sameFaceElsewhere(db, check.userId, check.descriptor);
    const touched: string[] = [];
    for (const other of others) {
      touched.push(
        await this.raise(
          check,
          'same_face_other_account',
          { userId: other.userId, enrolmentId: other.enrolmentId },
          other.distance,
        ),
      );
    }
    if (check.result === 'fail') touched.push(await this.raise(check, 'different_face', null, check.distance));
    return touched;
  }

  private async raise(
    check: CheckedFace,
    kind: FaceAlertKind,
    other: { userId: string; enrolmentId: string } | null,
    distance: number,
  ): Promise<string> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const entry = {
      id: check.checkId,
      distance: Math.round(distance * 1000) / 1000,
      at: now.toISOString(),
      context: `${check.context.kind}:${check.context.id ?? ''}`,
    };
    return db.transaction().execute(async (trx) => {
      let q = trx
        .selectFrom('face_alerts')
        .select(['id', 'evidence', 'distance'])
        .where('user_id', '=', check.userId)
        .where('kind', '=', kind)
        .where('check_id', 'is not', null)
        .where('created_at', '>=', new Date(now.getTime() - ALERT_WINDOW_MS).toISOString());
      q = other ? q.where('other_user_id', '=', other.userId) : q.where('other_user_id', 'is', null);
      const open = await q.orderBy('created_at', 'desc').limit(1).executeTakeFirst();
      if (open) {
        const evidence: CheckEvidence = open.evidence
          ? (JSON.parse(open.evidence) as CheckEvidence)
          : { count: 1, checks: [] };
        const next: CheckEvidence = {
          count: evidence.count + 1,
          checks: [...evidence.checks, entry].slice(-MAX_EVIDENCE),
        };
        // The strongest evidence is kept as the alert's distance: the closest other face, the farthest own mismatch.
        const stronger =
          kind === 'different_face'
            ? Math.max(Number(open.distance), distance)
            : Math.min(Number(open.distance), distance);
        await trx
          .updateTable('face_alerts')
          .set({ evidence: JSON.stringify(next), distance: stronger })
          .where('id', '=', open.id)
          .execute();
        return open.id;
      }
      const learner = await trx
        .selectFrom('users')
        .select(['institution_id', 'region_code'])
        .where('id', '=', check.userId)
        .executeTakeFirstOrThrow();
      const id = newId();
      const evidence: CheckEvidence = { count: 1, checks: [entry] };
      await trx
        .insertInto('face_alerts')
        .values({
          id,
          kind,
          user_id: check.userId,
          enrolment_id: check.enrolmentId,
          other_user_id: other?.userId ?? null,
          other_enrolment_id: other?.enrolmentId ?? null,
          distance,
          threshold: check.threshold,
          institution_id: learner.institution_id,
          region_code: learner.region_code,
          created_at: now.toISOString(),
          check_id: check.checkId,
          evidence: JSON.stringify(evidence),
        })
        .execute();
      return id;
    });
  }
}
