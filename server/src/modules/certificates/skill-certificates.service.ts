import type { Kysely } from 'kysely';
import { containsText, startsWithText } from '../../adapters/db.js';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import type { PiiCipher } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AuditService } from '../audit/index.js';
import { maskResidentId } from '../identity/index.js';
import { certificatePermissions, skillCertificateScope } from './certificates.policy.js';
import {
  checkSkillRow,
  readSkillWorkbook,
  skillIssue,
  type CheckedSkillRow,
  type SkillInput,
  type SkillRowIssue,
} from './skill-import.js';

export type SkillCertificate = {
  id: string;
  number: string;
  kind: 'Y' | 'S';
  name: string;
  idNumberMasked: string;
  userId: string | null;
  occupationCode: string;
  occupationName: string | null;
  level: number;
  organisation: string;
  issuedOn: string;
  source: 'import' | 'api';
  createdAt: string;
};

export type SkillImportMode = 'check' | 'all' | 'valid-only';
export type SkillImportReport = {
  mode: SkillImportMode;
  rows: number;
  valid: number;
  invalid: number;
  errors: SkillRowIssue[];
  imported: number;
};

/**
 * Skill-level certificates (职业技能等级证书) recorded from recognised evaluation organisations, by API or Excel import
 * with a row report; stored against the holder's resident ID hash (the identity module's lookup hash), so a person's
 * certificates are found whether or not they have an account yet — subsidies can depend on them.
 */
export class SkillCertificatesService {
  constructor(private readonly deps: { db: Kysely<Database>; clock: Clock; cipher: PiiCipher; audit: AuditService }) {}

  /** The region the actor records under: a regulator's own, the operator's chosen province (default national). */
  private recordingRegion(actor: Actor, province: string): string {
    return actor.role === 'regulator' && actor.regionCode ? actor.regionCode : `${province}0000`;
  }

  /** Database checks of valid rows: numbers already recorded, occupations that do not exist. */
  private async checkAgainstDb(db: DbOrTrx, rows: CheckedSkillRow[]): Promise<CheckedSkillRow[]> {
    const ok = rows.filter((r): r is Extract<CheckedSkillRow, { ok: true }> => r.ok);
    if (ok.length === 0) return rows;
    const [taken, occupations] = await Promise.all([
      db
        .selectFrom('skill_certificates')
        .select('number')
        .where(
          'number',
          'in',
          ok.map((r) => r.value.number),
        )
        .execute(),
      db
        .selectFrom('occupations')
        .select('code')
        .where('code', 'in', [...new Set(ok.map((r) => r.value.occupationCode))])
        .execute(),
    ]);
    const takenSet = new Set(taken.map((t) => t.number));
    const known = new Set(occupations.map((o) => o.code));
    const seen = new Map<string, number>();
    return rows.map((r) => {
      if (!r.ok) return r;
      const issues: SkillRowIssue[] = [];
      const first = seen.get(r.value.number);
      if (takenSet.has(r.value.number) || first !== undefined)
        issues.push(
          skillIssue(r.row, 'number', 'SKILL_CERTIFICATE_DUPLICATE', { details: { firstRow: first ?? null } }),
        );
      else seen.set(r.value.number, r.row);
      if (!known.has(r.value.occupationCode))
        issues.push(
          skillIssue(r.row, 'occupationCode', 'SKILL_CERTIFICATE_OCCUPATION_UNKNOWN', {
            params: { code: r.value.occupationCode },
          }),
        );
      return issues.length > 0 ? { ok: false, row: r.row, issues } : r;
    });
  }

  private async insert(
    db: DbOrTrx,
    actor: Actor,
    rows: Extract<CheckedSkillRow, { ok: true }>[],
    source: 'import' | 'api',
  ): Promise<string[]> {
    const now = this.deps.clock.now().toISOString();
    const ids: string[] = [];
    for (const { value } of rows) {
      const hash = this.deps.cipher.lookupHash('id', value.idNormalized);
      const user = await db.selectFrom('users').select('id').where('id_number_hash', '=', hash).executeTakeFirst();
      const id = newId();
      ids.push(id);
      await db
        .insertInto('skill_certificates')
        .values({
          id,
          number: value.number,
          id_number_hash: hash,
          id_number_enc: this.deps.cipher.encrypt(value.idNormalized),
          id_number_masked: value.idMasked,
          name: value.name,
          user_id: user?.id ?? null,
          occupation_code: value.occupationCode,
          level: value.parts.level,
          organisation: value.organisation,
          issued_on: value.issuedOn,
          region_code: this.recordingRegion(actor, value.parts.province),
          source,
          created_by: actor.userId,
          created_at: now,
        })
        .execute();
    }
    return ids;
  }

  /** One certificate by API (an evaluation organisation's system, through a regulator's or the operator's account). */
  async record(actor: Actor, input: SkillInput, meta: RequestMeta): Promise<SkillCertificate> {
    requirePermission(actor, certificatePermissions['skill_certificates.record']);
    const [checked] = await this.checkAgainstDb(this.deps.db, [
      checkSkillRow(1, input, this.deps.clock.now(), maskResidentId),
    ]);
    if (!checked.ok) {
      const first = checked.issues[0];
      throw new AppError(first.code, {
        field: first.field ?? undefined,
        details: { issues: checked.issues, ...(first.details ?? {}) },
        params:
          first.code === 'SKILL_CERTIFICATE_NUMBER_INVALID' ? { problem: String(first.details?.problem) } : undefined,
      });
    }
    const id = await this.deps.db.transaction().execute(async (trx) => {
      const [created] = await this.insert(trx, actor, [checked], 'api');
      await this.deps.audit.record(trx, {
        actor,
        action: 'skill_certificate.recorded',
        targetType: 'skill_certificate',
        targetId: created,
        regionCode: this.recordingRegion(actor, checked.value.parts.province),
        meta,
        details: { number: checked.value.number, source: 'api' },
      });
      return created;
    });
    return (await this.list(actor, { number: checked.value.number, page: 1, pageSize: 1 })).items.find(
      (c) => c.id === id,
    )!;
  }

  /** An Excel file: `check` reports only; `all` imports when every row is valid; `valid-only` imports the valid rows. */
  async importFile(actor: Actor, mode: SkillImportMode, bytes: Buffer, meta: RequestMeta): Promise<SkillImportReport> {
    requirePermission(actor, certificatePermissions['skill_certificates.record']);
    const parsed = await readSkillWorkbook(bytes);
    const today = this.deps.clock.now();
    const checked = await this.checkAgainstDb(
      this.deps.db,
      parsed.map((r) => checkSkillRow(r.row, r.input, today, maskResidentId)),
    );
    const valid = checked.filter((r): r is Extract<CheckedSkillRow, { ok: true }> => r.ok);
    const errors = checked.flatMap((r) => (r.ok ? [] : r.issues));
    const report: SkillImportReport = {
      mode,
      rows: checked.length,
      valid: valid.length,
      invalid: checked.length - valid.length,
      errors,
      imported: 0,
    };
    if (mode === 'check') return report;
    if (mode === 'all' && report.invalid > 0)
      throw new AppError('SKILL_CERTIFICATE_FILE_HAS_ERRORS', {
        params: { invalid: report.invalid },
        details: { errors },
      });
    if (valid.length === 0) return report;
    await this.deps.db.transaction().execute(async (trx) => {
      await this.insert(trx, actor, valid, 'import');
      await this.deps.audit.record(trx, {
        actor,
        action: 'skill_certificate.imported',
        targetType: 'skill_certificate',
        regionCode: actor.regionCode,
        meta,
        details: { rows: report.rows, imported: valid.length, invalid: report.invalid },
      });
    });
    return { ...report, imported: valid.length };
  }

  async list(
    actor: Actor,
    filter: { q?: string; number?: string; page: number; pageSize: number },
  ): Promise<{ items: SkillCertificate[]; total: number }> {
    requirePermission(actor, certificatePermissions['skill_certificates.read']);
    // Certificates recorded before the holder had an account are theirs once they have one (same ID number hash).
    if (actor.role === 'learner') {
      const me = await this.deps.db
        .selectFrom('users')
        .select('id_number_hash')
        .where('id', '=', actor.userId)
        .executeTakeFirst();
      if (me)
        await this.deps.db
          .updateTable('skill_certificates')
          .set({ user_id: actor.userId })
          .where('id_number_hash', '=', me.id_number_hash)
          .where('user_id', 'is', null)
          .execute();
    }
    let q = this.deps.db
      .selectFrom('skill_certificates')
      .leftJoin('occupations', 'occupations.code', 'skill_certificates.occupation_code')
      .where((eb) => skillCertificateScope.where(eb, actor));
    if (filter.number) q = q.where('skill_certificates.number', '=', filter.number);
    const term = filter.q?.trim();
    if (term)
      q = q.where((eb) =>
        eb.or([
          startsWithText('skill_certificates.number', term.toUpperCase()),
          containsText('skill_certificates.name', term),
        ]),
      );
    const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll('skill_certificates')
      .select('occupations.name_zh as occupation_name')
      .orderBy('skill_certificates.created_at', 'desc')
      .orderBy('skill_certificates.number')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute();
    return {
      total: Number(total),
      items: rows.map((r) => ({
        id: r.id,
        number: r.number,
        kind: r.number.charAt(0) as 'Y' | 'S',
        name: r.name,
        idNumberMasked: r.id_number_masked,
        userId: r.user_id,
        occupationCode: r.occupation_code,
        occupationName: r.occupation_name ?? null,
        level: r.level,
        organisation: r.organisation,
        issuedOn: r.issued_on,
        source: r.source,
        createdAt: r.created_at,
      })),
    };
  }

  /** For subsidies: the skill-level certificates of a person (by resident ID number), whoever recorded them. */
  async ofPerson(db: DbOrTrx, idNumber: string): Promise<{ number: string; occupationCode: string; level: number }[]> {
    return db
      .selectFrom('skill_certificates')
      .select(['number', 'occupation_code as occupationCode', 'level'])
      .where('id_number_hash', '=', this.deps.cipher.lookupHash('id', idNumber))
      .execute();
  }
}
