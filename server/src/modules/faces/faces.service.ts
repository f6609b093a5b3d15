import type { Kysely, Selectable } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { transition } from '../../platform/transition.js';
import type { AuditService } from '../audit/index.js';
import { canSeeUser, userScope } from '../identity/index.js';
import type { AccountSharing } from './account-sharing.js';
import type { FaceEvidence, FacePhoto } from './face-evidence.js';
import type { EnrolmentSource, FaceEnrolmentsTable } from './faces.tables.js';
import type { QualityMeasures } from './quality.js';

export const facesPermissions = declarePermissions({
  'faces.enrol': ['learner'],
  'faces.id_photo': ['institution_admin', 'operator'],
  'faces.review': ['institution_admin', 'operator'],
  'faces.read': ['institution_admin', 'regulator', 'operator'],
});

type EnrolmentRow = Selectable<FaceEnrolmentsTable>;
type Learner = {
  id: string;
  name: string;
  role: Database['users']['role'];
  institution_id: string | null;
  region_code: string | null;
};

/** An enrolment as staff see it: measures and distances, never the descriptor. */
export type Enrolment = {
  id: string;
  userId: string;
  source: EnrolmentSource;
  status: EnrolmentRow['status'];
  createdAt: string;
  quality: QualityMeasures;
  comparedDistance: number | null;
  matchesCompared: boolean | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
};

/** The learner's own view: whether a face is on file and where a request stands. */
export type MyEnrolment = {
  status: 'none' | 'active';
  enrolledAt: string | null;
  idPhotoOnFile: boolean;
  request: {
    id: string;
    status: 'pending' | 'active' | 'rejected' | 'superseded';
    requestedAt: string;
    decidedAt: string | null;
    note: string | null;
  } | null;
};

export type LearnerFaces = {
  userId: string;
  name: string;
  live: Enrolment | null;
  idPhoto: Enrolment | null;
  pending: Enrolment | null;
};

export function enrolmentRowToEnrolment(row: EnrolmentRow): Enrolment {
  return {
    id: row.id,
    userId: row.user_id,
    source: row.source,
    status: row.status,
    createdAt: row.created_at,
    quality: JSON.parse(row.quality) as QualityMeasures,
    comparedDistance: row.compared_distance === null ? null : Math.round(Number(row.compared_distance) * 1000) / 1000,
    matchesCompared:
      row.compared_distance === null ? null : Number(row.compared_distance) <= Number(row.compared_threshold),
    reason: row.reason,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
  };
}

/**
 * Face enrolment: the learner's own live photo (once; later changes go through a re-enrolment request that the
 * learner's institution approves), ID photos uploaded by the institution and compared with the live face, and the
 * one-face-many-accounts alert raised whenever a face is stored.
 */
export class FacesService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      audit: AuditService;
      evidence: FaceEvidence;
      sharing: AccountSharing;
    },
  ) {}

  /** Whether the learner has an active live enrolment: learning and attendance need one (the checks compare with it). */
  async hasActiveEnrolment(userId: string): Promise<boolean> {
    return this.deps.evidence.hasActiveLive(this.deps.db, userId);
  }

  // ---- the learner ---------------------------------------------------------------------------------------------

  async enrol(actor: Actor, photo: FacePhoto, meta: RequestMeta): Promise<MyEnrolment> {
    requirePermission(actor, facesPermissions['faces.enrol']);
    const current = await this.rows(actor.userId);
    if (current.some((r) => r.source === 'live' && r.status === 'active')) throw new AppError('FACE_ALREADY_ENROLLED');
    const { face, measures } = await this.deps.evidence.usableFace(photo);
    const idPhoto = await this.deps.evidence.activeEnrolment(this.deps.db, actor.userId, 'id_photo');
    await this.store(
      actor,
      await this.learner(actor.userId),
      {
        source: 'live',
        status: 'active',
        photo,
        descriptor: face.descriptor,
        measures,
        compared: idPhoto,
        reason: null,
        action: 'face.enrolled',
        conflict: 'FACE_ALREADY_ENROLLED',
      },
      meta,
    );
    return this.mine(actor);
  }

  async requestReenrolment(actor: Actor, photo: FacePhoto, reason: string, meta: RequestMeta): Promise<MyEnrolment> {
    requirePermission(actor, facesPermissions['faces.enrol']);
    const current = await this.rows(actor.userId);
    if (!current.some((r) => r.source === 'live' && r.status === 'active')) throw new AppError('FACE_NOT_ENROLLED');
    if (current.some((r) => r.status === 'pending')) throw new AppError('FACE_REENROLMENT_PENDING');
    const { face, measures } = await this.deps.evidence.usableFace(photo);
    const live = await this.deps.evidence.activeEnrolment(this.deps.db, actor.userId, 'live');
    await this.store(
      actor,
      await this.learner(actor.userId),
      {
        source: 'live',
        status: 'pending',
        photo,
        descriptor: face.descriptor,
        measures,
        compared: live,
        reason,
        action: 'face.reenrolment_requested',
        conflict: 'FACE_REENROLMENT_PENDING',
      },
      meta,
    );
    return this.mine(actor);
  }

  async mine(actor: Actor): Promise<MyEnrolment> {
    requirePermission(actor, facesPermissions['faces.enrol']);
    const rows = await this.rows(actor.userId);
    const live = rows.find((r) => r.source === 'live' && r.status === 'active');
    // The request that matters now: the pending one, else the last decided (an approved one is the active enrolment).
    const latest = (r: EnrolmentRow) =>
      `${r.status === 'pending' ? 1 : 0}|${r.decided_at ?? r.created_at}|${r.created_at}|${r.id}`;
    const request = rows
      .filter((r) => r.source === 'live' && r.reason !== null)
      .sort((a, b) => latest(b).localeCompare(latest(a)))[0];
    return {
      status: live ? 'active' : 'none',
      enrolledAt: live?.created_at ?? null,
      idPhotoOnFile: rows.some((r) => r.source === 'id_photo' && r.status === 'active'),
      request: request
        ? {
            id: request.id,
            status: request.status,
            requestedAt: request.created_at,
            decidedAt: request.decided_at,
            note: request.decision_note,
          }
        : null,
    };
  }

  // ---- the institution -----------------------------------------------------------------------------------------

  async uploadIdPhoto(actor: Actor, userId: string, photo: FacePhoto, meta: RequestMeta): Promise<LearnerFaces> {
    requirePermission(actor, facesPermissions['faces.id_photo']);
    const learner = await this.visibleLearner(actor, userId);
    const { face, measures } = await this.deps.evidence.usableFace(photo);
    const live = await this.deps.evidence.activeEnrolment(this.deps.db, userId, 'live');
    await this.store(
      actor,
      learner,
      {
        source: 'id_photo',
        status: 'active',
        photo,
        descriptor: face.descriptor,
        measures,
        compared: live,
        reason: null,
        action: 'face.id_photo_uploaded',
        conflict: null,
      },
      meta,
    );
    return this.learnerFaces(actor, userId);
  }

  async learnerFaces(actor: Actor, userId: string): Promise<LearnerFaces> {
    requirePermission(actor, facesPermissions['faces.read']);
    const learner = await this.visibleLearner(actor, userId);
    const rows = await this.rows(userId);
    const pick = (source: EnrolmentSource, status: EnrolmentRow['status']) => {
      const row = rows.find((r) => r.source === source && r.status === status);
      return row ? enrolmentRowToEnrolment(row) : null;
    };
    return {
      userId,
      name: learner.name,
      live: pick('live', 'active'),
      idPhoto: pick('id_photo', 'active'),
      pending: pick('live', 'pending'),
    };
  }

  /** Re-enrolment requests of the learners the actor may see, newest first. */
  async requests(actor: Actor, status: 'pending' | 'decided'): Promise<(Enrolment & { userName: string })[]> {
    requirePermission(actor, facesPermissions['faces.read']);
    let q = this.deps.db
      .selectFrom('face_enrolments')
      .innerJoin('users', 'users.id', 'face_enrolments.user_id')
      .selectAll('face_enrolments')
      .select('users.name as user_name')
      .where('face_enrolments.reason', 'is not', null);
    q =
      status === 'pending'
        ? q.where('face_enrolments.status', '=', 'pending')
        : q.where('face_enrolments.status', '!=', 'pending');
    q = q.where((eb) => userScope.where(eb, actor));
    const rows = await q.orderBy('face_enrolments.created_at', 'desc').limit(200).execute();
    return rows.map(({ user_name, ...row }) => ({ ...enrolmentRowToEnrolment(row), userName: user_name }));
  }

  async decide(
    actor: Actor,
    requestId: string,
    decision: 'approve' | 'reject',
    note: string | null,
    meta: RequestMeta,
  ): Promise<LearnerFaces> {
    requirePermission(actor, facesPermissions['faces.review']);
    const { db, clock, audit } = this.deps;
    const request = await db
      .selectFrom('face_enrolments')
      .selectAll()
      .where('id', '=', requestId)
      .where('reason', 'is not', null)
      .executeTakeFirst();
    if (!request) throw new AppError('NOT_FOUND');
    const learner = await this.visibleLearner(actor, request.user_id);
    if (request.status !== 'pending') throw new AppError('FACE_REQUEST_NOT_PENDING');
    const at = clock.now().toISOString();
    await db.transaction().execute(async (trx) => {
      let replaced: string | null = null;
      if (decision === 'approve') {
        const current = await trx
          .selectFrom('face_enrolments')
          .select('id')
          .where('user_id', '=', request.user_id)
          .where('slot', '=', 'live:active')
          .executeTakeFirst();
        replaced = current?.id ?? null;
        // Free the active slot first: the unique (user, slot) pair is checked statement by statement.
        if (current)
          await trx
            .updateTable('face_enrolments')
            .set({ status: 'superseded', slot: null })
            .where('id', '=', current.id)
            .execute();
      }
      const approved = decision === 'approve';
      // A second reviewer deciding the same request at once: the update matches for one of them only.
      await transition(
        trx,
        {
          table: 'face_enrolments',
          id: request.id,
          from: ['pending'],
          set: {
            status: approved ? 'active' : 'rejected',
            slot: approved ? 'live:active' : null,
            decided_by: actor.userId,
            decided_at: at,
            decision_note: note,
          },
          conflict: () => new AppError('FACE_REQUEST_NOT_PENDING'),
        },
        {
          audit: (t) =>
            audit.record(t, {
              actor,
              action: approved ? 'face.reenrolment_approved' : 'face.reenrolment_rejected',
              targetType: 'face_enrolment',
              targetId: request.id,
              institutionId: learner.institution_id,
              regionCode: learner.region_code,
              meta,
              details: { userId: learner.id, replaced, note, distanceToPrevious: request.compared_distance },
            }),
        },
      );
    });
    return this.learnerFaces(actor, request.user_id);
  }

  /** A stored enrolment photo, decrypted for review; every viewing is audited. */
  async photo(actor: Actor, enrolmentId: string, meta: RequestMeta): Promise<Buffer> {
    requirePermission(actor, facesPermissions['faces.read']);
    const row = await this.deps.db
      .selectFrom('face_enrolments')
      .select(['id', 'user_id', 'photo_key', 'source'])
      .where('id', '=', enrolmentId)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    const learner = await this.visibleLearner(actor, row.user_id);
    await this.deps.audit.record(this.deps.db, {
      actor,
      action: 'face.photo_viewed',
      targetType: 'face_enrolment',
      targetId: row.id,
      institutionId: learner.institution_id,
      regionCode: learner.region_code,
      meta,
      details: { userId: learner.id, source: row.source },
    });
    return this.deps.evidence.readPhoto(row.photo_key);
  }

  // ---- storing a face ------------------------------------------------------------------------------------------

  private async store(
    actor: Actor,
    learner: Learner,
    input: {
      source: EnrolmentSource;
      status: 'active' | 'pending';
      photo: FacePhoto;
      descriptor: Float32Array;
      measures: QualityMeasures;
      compared: { enrolmentId: string; descriptor: Float32Array } | null;
      reason: string | null;
      action: string;
      conflict: 'FACE_ALREADY_ENROLLED' | 'FACE_REENROLMENT_PENDING' | null;
    },
    meta: RequestMeta,
  ): Promise<string> {
    const { db, clock, audit, evidence } = this.deps;
    const threshold = evidence.engine.threshold;
    const id = newId();
    const at = clock.now().toISOString();
    const photoKey = `faces/${learner.id}/${id}.${input.photo.ext}.enc`;
    const comparedDistance = input.compared
      ? evidence.engine.distance(input.descriptor, input.compared.descriptor)
      : null;
    const sameFace = await this.deps.sharing.sameFaceElsewhere(db, learner.id, input.descriptor);
    await evidence.putPhoto(photoKey, input.photo);
    try {
      await db.transaction().execute(async (trx) => {
        if (input.source === 'id_photo') {
          // A new ID photo replaces the previous one.
          await trx
            .updateTable('face_enrolments')
            .set({ status: 'superseded', slot: null })
            .where('user_id', '=', learner.id)
            .where('slot', '=', 'id_photo:active')
            .execute();
        }
        const inserted = await trx
          .insertInto('face_enrolments')
          .values({
            id,
            user_id: learner.id,
            source: input.source,
            status: input.status,
            slot: `${input.source}:${input.status}`,
            descriptor_enc: evidence.sealDescriptor(input.descriptor),
            photo_key: photoKey,
            engine: evidence.engine.name,
            quality: JSON.stringify(input.measures),
            compared_distance: comparedDistance,
            compared_threshold: comparedDistance === null ? null : threshold,
            reason: input.reason,
            created_by: actor.userId,
            created_at: at,
            decided_by: null,
            decided_at: null,
            decision_note: null,
          })
          .onConflict((oc) => oc.columns(['user_id', 'slot']).doNothing())
          .executeTakeFirst();
        // Two requests racing (on one node or several): the unique (user, slot) pair lets one through.
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1)
          throw new AppError(input.conflict ?? 'FACE_ALREADY_ENROLLED');
        await this.deps.sharing.index(trx, id, input.descriptor);
        await this.alerts(
          trx,
          learner,
          id,
          at,
          threshold,
          sameFace,
          input.status === 'active' && input.compared && comparedDistance! > threshold
            ? { enrolmentId: input.compared.enrolmentId, distance: comparedDistance! }
            : null,
        );
        await audit.record(trx, {
          actor,
          action: input.action,
          targetType: 'face_enrolment',
          targetId: id,
          institutionId: learner.institution_id,
          regionCode: learner.region_code,
          meta,
          details: {
            userId: learner.id,
            source: input.source,
            engine: evidence.engine.name,
            quality: input.measures,
            comparedDistance,
            threshold,
            sameFaceAccounts: sameFace.length,
          },
        });
      });
    } catch (error) {
      await evidence.deletePhoto(photoKey);
      throw error;
    }
    return id;
  }

  private async alerts(
    trx: DbOrTrx,
    learner: Learner,
    enrolmentId: string,
    at: string,
    threshold: number,
    sameFace: { userId: string; enrolmentId: string; distance: number }[],
    mismatch: { enrolmentId: string; distance: number } | null,
  ) {
    const base = {
      user_id: learner.id,
      enrolment_id: enrolmentId,
      threshold,
      institution_id: learner.institution_id,
      region_code: learner.region_code,
      created_at: at,
    };
    for (const other of sameFace) {
      await trx
        .insertInto('face_alerts')
        .values({
          ...base,
          id: newId(),
          kind: 'same_face_other_account',
          other_user_id: other.userId,
          other_enrolment_id: other.enrolmentId,
          distance: other.distance,
        })
        .execute();
    }
    // The live face and the ID photo of one account are not the same person: someone else may be learning.
    if (mismatch) {
      await trx
        .insertInto('face_alerts')
        .values({
          ...base,
          id: newId(),
          kind: 'id_photo_mismatch',
          other_user_id: null,
          other_enrolment_id: mismatch.enrolmentId,
          distance: mismatch.distance,
        })
        .execute();
    }
  }

  // ---- reading -------------------------------------------------------------------------------------------------

  private rows(userId: string): Promise<EnrolmentRow[]> {
    return this.deps.db
      .selectFrom('face_enrolments')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  private async learner(userId: string): Promise<Learner> {
    return this.deps.db
      .selectFrom('users')
      .select(['id', 'name', 'role', 'institution_id', 'region_code'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
  }

  /** The learner if the actor may see them (institution, region subtree, platform); NOT_FOUND otherwise. */
  async visibleLearner(actor: Actor, userId: string): Promise<Learner> {
    const user = await this.deps.db
      .selectFrom('users')
      .select(['id', 'name', 'role', 'institution_id', 'region_code'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user || actor.userId === user.id || !canSeeUser(actor, user)) throw new AppError('NOT_FOUND');
    if (user.role !== 'learner') throw new AppError('FACE_NOT_A_LEARNER');
    return user;
  }
}
