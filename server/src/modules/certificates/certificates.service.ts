import type { Kysely } from 'kysely';
import { containsText, startsWithText } from '../../adapters/db.js';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { beijingDate } from '../../platform/time.js';
import { transition } from '../../platform/transition.js';
import type { AuditService } from '../audit/index.js';
import { skillLevel, type SkillLevel } from '../catalog/index.js';
import type { ProgressService } from '../class-progress/index.js';
import { canSeeClass } from '../classes/index.js';
import type { FaceEvidence } from '../faces/index.js';
import type { AssessmentResults } from './assessment-results.js';
import { formatCertificateNumber, normaliseCertificateNumber, parseCertificateNumber } from './certificate-number.js';
import { renderCertificatePdf } from './certificate-pdf.js';
import { certificatePermissions, certificateScope } from './certificates.policy.js';
import {
  bumpCounter,
  institutionCode,
  livePhotoEnrolment,
  markProposedForRevocation,
  photoKeyOf,
  selectCertificates,
  type CertificateListRow,
} from './certificates.repository.js';
import type { CertificateStatus } from './certificates.tables.js';
import { assessEligibility, type Eligibility, type EligibilityReason } from './eligibility.js';
import type { FraudFindings, SubsidyHolds } from './holds-and-findings.js';
import {
  canonicalJson,
  maskName,
  publicKeyPem,
  sealText,
  signPayload,
  verifyPayload,
  type CertificatePayload,
  type SigningKey,
} from './signature.js';

export type Certificate = {
  id: string;
  number: string;
  status: CertificateStatus;
  classId: string;
  className: string;
  userId: string;
  learnerName: string;
  idNumberMasked: string;
  occupationCode: string;
  occupationName: string;
  level: number;
  onlineHours: number;
  offlineHours: number;
  totalHours: number;
  institutionId: string;
  institutionName: string;
  issueDate: string;
  issuedAt: string;
  revokedAt: string | null;
  revocationReason: string | null;
  revocationProposal: { at: string; reason: string; alertId: string | null } | null;
};

export type CertificateRefusal = {
  userId: string;
  learnerName: string;
  idNumberMasked: string;
  reasons: EligibilityReason[];
  assessedAt: string;
};

export type ClassCertificates = {
  classId: string;
  className: string;
  classStatus: string;
  issued: Certificate[];
  refused: CertificateRefusal[];
};

export type PublicVerification = {
  number: string;
  status: CertificateStatus;
  /** Beijing date of the revocation. */
  revokedOn: string | null;
  name: string;
  idNumber: string;
  occupationCode: string;
  occupationName: string;
  level: number;
  levelLabelZh: string;
  levelLabelEn: string;
  onlineHours: number;
  offlineHours: number;
  totalHours: number;
  institution: string;
  issueDate: string;
  /** What was signed and the signature, so a client can check it itself with the published key. */
  payload: string;
  signature: string;
  keyId: string;
  algorithm: 'Ed25519';
  /** The server's own check of the signature with the platform key. */
  signatureValid: boolean;
};

export type CertificateListFilter = {
  q?: string;
  status?: CertificateStatus;
  classId?: string;
  proposed?: boolean;
  page: number;
  pageSize: number;
};

export type CertificateCounts = { valid: number; revoked: number; proposed: number };

const payloadOf = (row: { payload: string }) => JSON.parse(row.payload) as CertificatePayload;

/**
 * Training certificates (培训合格证书): issued for every eligible learner when a class closes (the refused ones keep
 * their reasons), signed with the platform key, verified by anyone at /verify/<number>, revoked by the regulator
 * with a reason (proposed automatically when fraud is confirmed), downloaded as PDF by their holder.
 */
export class CertificatesService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      audit: AuditService;
      progress: ProgressService;
      assessments: AssessmentResults;
      fraud: FraudFindings;
      holds: SubsidyHolds;
      photos: Pick<FaceEvidence, 'readPhoto'>;
      key: SigningKey;
      publicUrl: string;
    },
  ) {}

  // ---- issuing -------------------------------------------------------------------------------------------------

  /**
   * Assesses every enrolled learner of a closed class and issues a certificate to each eligible one who has none;
   * the others get their reasons stored (replacing an earlier assessment). Closing the class calls this; the
   * institution may run it again (after a late assessment result, a released hold): it is idempotent.
   */
  async issueForClass(actor: Actor, classId: string, meta: RequestMeta): Promise<ClassCertificates> {
    requirePermission(actor, certificatePermissions['certificates.issue']);
    const klass = await this.deps.db.selectFrom('classes').selectAll().where('id', '=', classId).executeTakeFirst();
    if (!klass || !canSeeClass(actor, klass) || klass.institution_id !== actor.institutionId)
      throw new AppError('NOT_FOUND');
    if (klass.status !== 'closed') throw new AppError('CERTIFICATE_CLASS_NOT_CLOSED');
    // Hours per learner under the class's policy versions (class-progress), read before the transaction.
    const progress = await this.deps.progress.classProgress(actor, classId);
    const [occupation, institution, existing] = await Promise.all([
      this.deps.db
        .selectFrom('occupations')
        .select(['name_zh'])
        .where('code', '=', klass.occupation_code)
        .executeTakeFirstOrThrow(),
      this.deps.db
        .selectFrom('institutions')
        .select(['name'])
        .where('id', '=', klass.institution_id)
        .executeTakeFirstOrThrow(),
      this.deps.db.selectFrom('certificates').select('user_id').where('class_id', '=', classId).execute(),
    ]);
    const certified = new Set(existing.map((r) => r.user_id));
    const learners = progress.learners.filter((l) => l.enrolment === 'enrolled' && !certified.has(l.userId));
    const now = this.deps.clock.now();
    const issueDate = beijingDate(now);
    const year = Number(issueDate.slice(0, 4));

    // The facts are read before the transaction (the ports read through their own modules' connections).
    const assessed: { learner: (typeof learners)[number]; verdict: Eligibility }[] = [];
    for (const l of learners) {
      const [assessment, findings, held] = await Promise.all([
        this.deps.assessments.outcomeOf(this.deps.db, classId, l.userId),
        this.deps.fraud.confirmedCount(this.deps.db, classId, l.userId),
        this.deps.holds.heldFor(this.deps.db, classId, l.userId),
      ]);
      const verdict = assessEligibility({
        onlineHours: l.onlineHours,
        onlineRequiredHours: progress.plan.onlineRequiredHours,
        offlineHours: l.offlineHours,
        offlineRequiredHours: progress.plan.offlineRequiredHours,
        assessment,
        confirmedFraudFindings: findings,
        subsidyHold: held,
      });
      assessed.push({ learner: l, verdict });
    }
    await this.deps.db.transaction().execute(async (trx) => {
      // Two runs for one class at once (the close's and a re-issue, or two re-issues): the class row is taken first
      // (a no-op update locks it on PostgreSQL until this transaction ends), so the second run waits, then sees the
      // first one's certificates and takes serials only for learners still without one (no serial wasted).
      await trx
        .updateTable('classes')
        .set((eb) => ({ status: eb.ref('status') }))
        .where('id', '=', classId)
        .execute();
      const issuedMeanwhile = new Set(
        (await trx.selectFrom('certificates').select('user_id').where('class_id', '=', classId).execute()).map(
          (r) => r.user_id,
        ),
      );
      const eligible = assessed.filter((a) => a.verdict.eligible && !issuedMeanwhile.has(a.learner.userId));
      let serial = 0;
      let instCode = '';
      if (eligible.length > 0) {
        instCode = await institutionCode(trx, klass.institution_id, klass.region_code);
        const last = await bumpCounter(trx, `serial:${klass.region_code}:${year}:${instCode}`, eligible.length);
        if (last > 999_999) throw new Error('certificate serials exhausted for this institution and year');
        serial = last - eligible.length;
      }
      for (const { learner, verdict } of assessed) {
        if (issuedMeanwhile.has(learner.userId)) continue;
        await trx
          .deleteFrom('certificate_refusals')
          .where('class_id', '=', classId)
          .where('user_id', '=', learner.userId)
          .execute();
        if (!verdict.eligible) {
          await trx
            .insertInto('certificate_refusals')
            .values({
              id: newId(),
              class_id: classId,
              user_id: learner.userId,
              reasons: JSON.stringify(verdict.reasons),
              assessed_at: now.toISOString(),
            })
            .execute();
          continue;
        }
        serial += 1;
        const number = formatCertificateNumber({
          regionCode: klass.region_code,
          year,
          institutionCode: instCode,
          serial,
        });
        const payload: CertificatePayload = {
          v: 1,
          number,
          name: maskName(learner.name),
          idNumber: learner.idNumberMasked,
          occupationCode: klass.occupation_code,
          occupationName: occupation.name_zh,
          level: klass.level,
          onlineHours: learner.onlineHours,
          offlineHours: learner.offlineHours,
          totalHours: learner.totalHours,
          institution: institution.name,
          issueDate,
        };
        const text = canonicalJson(payload);
        const photo = await livePhotoEnrolment(trx, learner.userId);
        await trx
          .insertInto('certificates')
          .values({
            id: newId(),
            number,
            class_id: classId,
            user_id: learner.userId,
            institution_id: klass.institution_id,
            region_code: klass.region_code,
            payload: text,
            signature: signPayload(text, this.deps.key),
            key_id: this.deps.key.keyId,
            photo_enrolment_id: photo?.id ?? null,
            issued_at: now.toISOString(),
            issue_date: issueDate,
            issued_by: actor.userId,
            status: 'valid',
            revoked_at: null,
            revoked_by: null,
            revocation_reason: null,
            revocation_proposed_at: null,
            revocation_proposal_reason: null,
            revocation_proposal_alert_id: null,
          })
          .onConflict((oc) => oc.columns(['class_id', 'user_id']).doNothing())
          .execute();
      }
      await this.deps.audit.record(trx, {
        actor,
        action: 'certificates.issued',
        targetType: 'class',
        targetId: classId,
        institutionId: klass.institution_id,
        regionCode: klass.region_code,
        meta,
        details: { issued: eligible.length, refused: assessed.filter((a) => !a.verdict.eligible).length },
      });
    });
    return this.forClass(actor, classId);
  }

  /** Issued certificates and refusals (with reasons) of a class the actor may see. */
  async forClass(actor: Actor, classId: string): Promise<ClassCertificates> {
    requirePermission(actor, certificatePermissions['certificates.read']);
    const klass = await this.deps.db.selectFrom('classes').selectAll().where('id', '=', classId).executeTakeFirst();
    if (!klass || actor.role === 'learner' || !canSeeClass(actor, klass)) throw new AppError('NOT_FOUND');
    const [issued, refused] = await Promise.all([
      selectCertificates(this.deps.db)
        .where('certificates.class_id', '=', classId)
        .where((eb) => certificateScope.where(eb, actor))
        .orderBy('certificates.number')
        .execute(),
      this.deps.db
        .selectFrom('certificate_refusals')
        .innerJoin('users', 'users.id', 'certificate_refusals.user_id')
        .select([
          'certificate_refusals.user_id',
          'certificate_refusals.reasons',
          'certificate_refusals.assessed_at',
          'users.name',
          'users.id_number_masked',
        ])
        .where('certificate_refusals.class_id', '=', classId)
        .orderBy('users.name')
        .execute(),
    ]);
    return {
      classId,
      className: klass.name,
      classStatus: klass.status,
      issued: issued.map(toCertificate),
      refused: refused.map((r) => ({
        userId: r.user_id,
        learnerName: r.name,
        idNumberMasked: r.id_number_masked,
        reasons: JSON.parse(r.reasons) as EligibilityReason[],
        assessedAt: r.assessed_at,
      })),
    };
  }

  // ---- reading -------------------------------------------------------------------------------------------------

  async list(actor: Actor, filter: CertificateListFilter): Promise<{ items: Certificate[]; total: number }> {
    requirePermission(actor, certificatePermissions['certificates.read']);
    let q = selectCertificates(this.deps.db).where((eb) => certificateScope.where(eb, actor));
    if (filter.status) q = q.where('certificates.status', '=', filter.status);
    if (filter.classId) q = q.where('certificates.class_id', '=', filter.classId);
    if (filter.proposed)
      q = q.where('certificates.revocation_proposed_at', 'is not', null).where('certificates.status', '=', 'valid');
    const term = filter.q?.trim();
    if (term) {
      const number = normaliseCertificateNumber(term);
      q = q.where((eb) => eb.or([startsWithText('certificates.number', number), containsText('users.name', term)]));
    }
    const { total } = await q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    const rows = await q
      .orderBy('certificates.issued_at', 'desc')
      .orderBy('certificates.number')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute();
    return { items: rows.map(toCertificate), total: Number(total) };
  }

  private async visible(actor: Actor, id: string, db: DbOrTrx = this.deps.db): Promise<CertificateListRow> {
    requirePermission(actor, certificatePermissions['certificates.read']);
    const row = await selectCertificates(db).where('certificates.id', '=', id).executeTakeFirst();
    if (!row || !certificateScope.allows(actor, row)) throw new AppError('NOT_FOUND');
    return row;
  }

  async get(actor: Actor, id: string): Promise<Certificate> {
    return toCertificate(await this.visible(actor, id));
  }

  /** The certificate as a PDF for its holder (others' downloads carry personal data out: audited). */
  async pdf(actor: Actor, id: string, meta: RequestMeta): Promise<{ fileName: string; bytes: Buffer }> {
    const row = await this.visible(actor, id);
    if (actor.role !== 'learner')
      await this.deps.audit.record(this.deps.db, {
        actor,
        action: 'pii.certificate_downloaded',
        targetType: 'certificate',
        targetId: row.id,
        institutionId: row.institution_id,
        regionCode: row.region_code,
        meta,
        details: { number: row.number, userId: row.user_id },
      });
    return { fileName: `${row.number}.pdf`, bytes: await this.renderPdf(row) };
  }

  /** Renders a stored certificate (also used by the bench). */
  async renderPdf(row: CertificateListRow): Promise<Buffer> {
    const payload = payloadOf(row);
    const key = row.photo_enrolment_id ? await photoKeyOf(this.deps.db, row.photo_enrolment_id) : null;
    const photo = key ? await this.deps.photos.readPhoto(key).catch(() => null) : null;
    const level = skillLevel(payload.level as SkillLevel);
    return renderCertificatePdf({
      payload,
      fullName: row.learner_name,
      levelLabelZh: level.labelZh,
      levelLabelEn: level.nameEn,
      photo,
      verifyUrl: this.verifyUrl(row.number),
      seal: sealText(row.payload, row.signature, row.key_id),
      issuedAt: new Date(row.issued_at),
    });
  }

  verifyUrl(number: string): string {
    return `${this.deps.publicUrl.replace(/\/+$/, '')}/verify/${number}`;
  }

  async counts(actor: Actor): Promise<CertificateCounts> {
    requirePermission(actor, certificatePermissions['certificates.read']);
    const rows = await this.deps.db
      .selectFrom('certificates')
      .select((eb) => [
        'status',
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('revocation_proposed_at').as('proposed'),
      ])
      .where((eb) => certificateScope.where(eb, actor))
      .groupBy('status')
      .execute();
    const counts: CertificateCounts = { valid: 0, revoked: 0, proposed: 0 };
    for (const r of rows) {
      counts[r.status] = Number(r.n);
      if (r.status === 'valid') counts.proposed = Number(r.proposed);
    }
    return counts;
  }

  // ---- revocation ----------------------------------------------------------------------------------------------

  /** The regulator revokes a certificate of its region subtree, with a reason; the public page shows it at once. */
  async revoke(actor: Actor, id: string, reasonText: string, meta: RequestMeta): Promise<Certificate> {
    requirePermission(actor, certificatePermissions['certificates.revoke']);
    const reason = reasonText.trim();
    if (!reason) throw new AppError('CERTIFICATE_REASON_REQUIRED', { field: 'reason' });
    const now = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.visible(actor, id, trx);
      const already = () =>
        new AppError('CERTIFICATE_ALREADY_REVOKED', { params: { date: beijingDate(row.revoked_at ?? now) } });
      if (row.status !== 'valid') throw already();
      await transition(
        trx,
        {
          table: 'certificates',
          id,
          from: ['valid'],
          set: { status: 'revoked', revoked_at: now, revoked_by: actor.userId, revocation_reason: reason },
          conflict: already,
        },
        {
          audit: (t) =>
            this.deps.audit.record(t, {
              actor,
              action: 'certificate.revoked',
              targetType: 'certificate',
              targetId: id,
              institutionId: row.institution_id,
              regionCode: row.region_code,
              meta,
              details: {
                number: row.number,
                userId: row.user_id,
                reason,
                proposedByAlert: row.revocation_proposal_alert_id,
              },
            }),
        },
      );
    });
    return this.get(actor, id);
  }

  // ---- public verification -------------------------------------------------------------------------------------

  /**
   * What anyone may know of a certificate, by its number. A malformed number, a wrong check character and an
   * unknown number all answer the same NOT_FOUND, so probing reveals nothing but what a real number shows.
   */
  async verifyPublic(input: string): Promise<PublicVerification> {
    const number = normaliseCertificateNumber(input);
    if (!parseCertificateNumber(number)) throw new AppError('NOT_FOUND');
    const row = await this.deps.db
      .selectFrom('certificates')
      .select(['number', 'payload', 'signature', 'key_id', 'status', 'revoked_at'])
      .where('number', '=', number)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    const p = payloadOf(row);
    const level = skillLevel(p.level as SkillLevel);
    return {
      number: row.number,
      status: row.status,
      revokedOn: row.revoked_at ? beijingDate(row.revoked_at) : null,
      name: p.name,
      idNumber: p.idNumber,
      occupationCode: p.occupationCode,
      occupationName: p.occupationName,
      level: p.level,
      levelLabelZh: level.labelZh,
      levelLabelEn: level.nameEn,
      onlineHours: p.onlineHours,
      offlineHours: p.offlineHours,
      totalHours: p.totalHours,
      institution: p.institution,
      issueDate: p.issueDate,
      payload: row.payload,
      signature: row.signature,
      keyId: row.key_id,
      algorithm: 'Ed25519',
      signatureValid:
        row.key_id === this.deps.key.keyId && verifyPayload(row.payload, row.signature, this.deps.key.publicKey),
    };
  }

  publicKey(): { algorithm: 'Ed25519'; keyId: string; publicKeyPem: string } {
    return { algorithm: 'Ed25519', keyId: this.deps.key.keyId, publicKeyPem: publicKeyPem(this.deps.key.publicKey) };
  }
}

/**
 * The hook early warning calls when a regulator confirms fraud on a learner in a class (alerts.service.ts decide):
 * the learner's valid certificate of that class, if any, is proposed for revocation with the alert's reason; the
 * regulator sees it among the proposals and decides. Runs on the caller's transaction.
 */
export async function proposeRevocationForFraud(
  db: DbOrTrx,
  input: { userId: string; classId: string; alertId: string; reason: string; at: Date },
): Promise<number> {
  return markProposedForRevocation(db, { ...input, at: input.at.toISOString() });
}

function toCertificate(row: CertificateListRow): Certificate {
  const p = payloadOf(row);
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    classId: row.class_id,
    className: row.class_name,
    userId: row.user_id,
    learnerName: row.learner_name,
    idNumberMasked: p.idNumber,
    occupationCode: p.occupationCode,
    occupationName: p.occupationName,
    level: p.level,
    onlineHours: p.onlineHours,
    offlineHours: p.offlineHours,
    totalHours: p.totalHours,
    institutionId: row.institution_id,
    institutionName: p.institution,
    issueDate: p.issueDate,
    issuedAt: row.issued_at,
    revokedAt: row.revoked_at,
    revocationReason: row.revocation_reason,
    revocationProposal: row.revocation_proposed_at
      ? {
          at: row.revocation_proposed_at,
          reason: row.revocation_proposal_reason ?? '',
          alertId: row.revocation_proposal_alert_id,
        }
      : null,
  };
}
