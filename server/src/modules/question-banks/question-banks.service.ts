import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AuditService } from '../audit/index.js';
import { requireActiveInstitution } from '../institutions/index.js';
import {
  checkFile,
  problemParams,
  questionIssue,
  readQuestionFile,
  writeQuestionFile,
  type QuestionFileFormat,
  type QuestionRowIssue,
} from './question-file.js';
import { gradeObjective, type Grade } from './grading.js';
import {
  drawQuestions,
  keysByIds,
  versionsByIds,
  type DrawnItem,
  type PaperKind,
  type QuestionKey,
  type QuestionVersionView,
} from './paper-draw.js';
import { checkQuestion, normaliseQuestion, type QuestionContent, type QuestionType } from './question.js';
import { bankManageScope, bankReadScope, questionBankPermissions as perms } from './question-banks.policy.js';
import {
  currentQuestions,
  standardModules,
  versionContent,
  versionValues,
  type VersionRow,
} from './question-banks.repository.js';

export type BankSummary = {
  id: string;
  name: string;
  occupationCode: string;
  occupationName: string;
  level: number;
  institutionId: string | null;
  institutionName: string | null;
  questionCount: number;
  canManage: boolean;
  createdAt: string;
  updatedAt: string;
};
export type BankDetail = BankSummary & { modules: string[] };
export type QuestionView = QuestionContent & {
  id: string;
  bankId: string;
  version: number;
  versionId: string;
  retired: boolean;
  updatedAt: string;
};
export type QuestionVersionEntry = QuestionContent & { versionId: string; version: number; createdAt: string };
export type ImportMode = 'check' | 'all' | 'valid-only';
export type QuestionImportReport = {
  mode: ImportMode;
  fileName: string;
  format: QuestionFileFormat;
  rows: number;
  valid: number;
  invalid: number;
  errors: QuestionRowIssue[];
  imported?: number;
};

type BankRow = {
  id: string;
  name: string;
  occupation_code: string;
  level: number;
  institution_id: string | null;
  region_code: string | null;
  created_at: string;
  updated_at: string;
  occupation_name: string;
  institution_name: string | null;
};

export type Deps = { db: Kysely<Database>; clock: Clock; audit: AuditService };

/** Banks and their questions: authored by their owner, read by the owner's supervisors, versioned on every edit. */
export class QuestionBanksService {
  constructor(private readonly deps: Deps) {}

  // ---- for the exams module (it checks who may sit the paper; these take no actor) ----------------------------

  /** One attempt's questions: deterministic for the seed (the attempt's id), options shuffled, scores by type. */
  async drawForAttempt(
    db: DbOrTrx,
    paperId: string,
    seed: string,
  ): Promise<{ paper: { id: string; kind: PaperKind; totalScore: number }; items: DrawnItem[] }> {
    const paper = await db.selectFrom('papers').selectAll().where('id', '=', paperId).executeTakeFirst();
    if (!paper) throw new AppError('NOT_FOUND');
    const drawn = await drawQuestions(db, paper, seed);
    return {
      paper: { id: paper.id, kind: paper.kind as PaperKind, totalScore: paper.total_score },
      items: drawn.map((d) => ({ versionId: d.version.id, score: d.score, optionOrder: d.optionOrder })),
    };
  }

  /** The versions an attempt holds, as the examinee sees them (no answers), in the order asked. */
  versionsByIds(db: DbOrTrx, ids: readonly string[]): Promise<QuestionVersionView[]> {
    return versionsByIds(db, ids);
  }

  /** The answers and explanations of versions, for grading and for showing after an attempt. */
  keysByIds(db: DbOrTrx, ids: readonly string[]): Promise<QuestionKey[]> {
    return keysByIds(db, ids);
  }

  /** Pure objective grading (the same function the module exports). */
  gradeObjective(key: { type: QuestionType; answer: readonly string[] }, response: readonly string[]): Grade {
    return gradeObjective(key, response);
  }

  // ---- banks ------------------------------------------------------------------------------------------------

  private banks(db: DbOrTrx) {
    return db
      .selectFrom('question_banks')
      .innerJoin('occupations', 'occupations.code', 'question_banks.occupation_code')
      .leftJoin('institutions', 'institutions.id', 'question_banks.institution_id')
      .select([
        'question_banks.id',
        'question_banks.name',
        'question_banks.occupation_code',
        'question_banks.level',
        'question_banks.institution_id',
        'question_banks.region_code',
        'question_banks.created_at',
        'question_banks.updated_at',
        'occupations.name_zh as occupation_name',
        'institutions.name as institution_name',
      ]);
  }

  /** A bank the actor may read (else NOT_FOUND), and whether the actor may manage it. */
  async readableBank(actor: Actor, bankId: string, db: DbOrTrx = this.deps.db): Promise<BankRow> {
    requirePermission(actor, perms['question_banks.read']);
    const row = await this.banks(db).where('question_banks.id', '=', bankId).executeTakeFirst();
    if (!row || !bankReadScope.allows(actor, row)) throw new AppError('NOT_FOUND');
    return row;
  }

  private async managedBank(actor: Actor, bankId: string, db: DbOrTrx = this.deps.db): Promise<BankRow> {
    requirePermission(actor, perms['question_banks.manage']);
    const row = await this.readableBank(actor, bankId, db);
    if (!bankManageScope.allows(actor, row)) throw new AppError('FORBIDDEN');
    await requireActiveInstitution(db, actor);
    return row;
  }

  private summary(actor: Actor, row: BankRow, questionCount: number): BankSummary {
    return {
      id: row.id,
      name: row.name,
      occupationCode: row.occupation_code,
      occupationName: row.occupation_name,
      level: row.level,
      institutionId: row.institution_id,
      institutionName: row.institution_name ?? null,
      questionCount,
      canManage: bankManageScope.allows(actor, row) && actor.role !== 'regulator',
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  async list(actor: Actor, query: { occupationCode?: string; level?: number }): Promise<BankSummary[]> {
    requirePermission(actor, perms['question_banks.read']);
    let qb = this.banks(this.deps.db).where((eb) => bankReadScope.where(eb, actor));
    if (query.occupationCode) qb = qb.where('question_banks.occupation_code', '=', query.occupationCode);
    if (query.level) qb = qb.where('question_banks.level', '=', query.level);
    const rows = await qb
      .orderBy('question_banks.created_at', 'desc')
      .orderBy('question_banks.id')
      .limit(500)
      .execute();
    const counts = await this.counts(rows.map((r) => r.id));
    return rows.map((r) => this.summary(actor, r, counts.get(r.id) ?? 0));
  }

  private async counts(bankIds: string[]): Promise<Map<string, number>> {
    if (bankIds.length === 0) return new Map();
    const rows = await this.deps.db
      .selectFrom('questions')
      .select(['bank_id', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('bank_id', 'in', bankIds)
      .where('retired', '=', 0)
      .groupBy('bank_id')
      .execute();
    return new Map(rows.map((r) => [r.bank_id, Number(r.n)]));
  }

  async detail(actor: Actor, bankId: string): Promise<BankDetail> {
    const row = await this.readableBank(actor, bankId);
    const counts = await this.counts([bankId]);
    const modules = (await standardModules(this.deps.db, row.occupation_code, row.level)) ?? [];
    return { ...this.summary(actor, row, counts.get(bankId) ?? 0), modules };
  }

  async create(
    actor: Actor,
    input: { name: string; occupationCode: string; level: number },
    meta: RequestMeta,
  ): Promise<BankDetail> {
    requirePermission(actor, perms['question_banks.manage']);
    await requireActiveInstitution(this.deps.db, actor);
    const institutionId = actor.role === 'operator' ? null : actor.institutionId;
    if (actor.role !== 'operator' && !institutionId) throw new AppError('FORBIDDEN');
    if ((await standardModules(this.deps.db, input.occupationCode, input.level)) === null)
      throw new AppError('QUESTION_BANK_STANDARD_UNKNOWN', { field: 'occupationCode' });
    const id = newId();
    const now = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const regionCode = institutionId
        ? ((
            await trx
              .selectFrom('institutions')
              .select('region_code')
              .where('id', '=', institutionId)
              .executeTakeFirst()
          )?.region_code ?? null)
        : null;
      await trx
        .insertInto('question_banks')
        .values({
          id,
          institution_id: institutionId,
          region_code: regionCode,
          occupation_code: input.occupationCode,
          level: input.level,
          name: input.name.trim(),
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await this.deps.audit.record(trx, {
        actor,
        action: 'question_bank.created',
        targetType: 'question_bank',
        targetId: id,
        institutionId,
        regionCode,
        meta,
        details: { name: input.name.trim(), occupationCode: input.occupationCode, level: input.level },
      });
    });
    return this.detail(actor, id);
  }

  async rename(actor: Actor, bankId: string, name: string, meta: RequestMeta): Promise<BankDetail> {
    const bank = await this.managedBank(actor, bankId);
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('question_banks')
        .set({ name: name.trim(), updated_at: this.deps.clock.now().toISOString() })
        .where('id', '=', bankId)
        .execute();
      await this.audit(trx, actor, bank, meta, 'question_bank.renamed', { from: bank.name, to: name.trim() });
    });
    return this.detail(actor, bankId);
  }

  private audit(
    db: DbOrTrx,
    actor: Actor,
    bank: BankRow,
    meta: RequestMeta,
    action: string,
    details: Record<string, unknown>,
  ) {
    return this.deps.audit.record(db, {
      actor,
      action,
      targetType: 'question_bank',
      targetId: bank.id,
      institutionId: bank.institution_id,
      regionCode: bank.region_code,
      meta,
      details,
    });
  }

  async questions(
    actor: Actor,
    bankId: string,
    query: { retired?: boolean; type?: string; moduleCode?: string },
  ): Promise<QuestionView[]> {
    await this.readableBank(actor, bankId);
    let qb = currentQuestions(this.deps.db, [bankId]).where('questions.retired', '=', query.retired ? 1 : 0);
    if (query.type) qb = qb.where('v.type', '=', query.type);
    if (query.moduleCode) qb = qb.where('v.module_code', '=', query.moduleCode);
    return (await qb.select('questions.updated_at as question_updated_at').execute()).map((r) =>
      questionView(r, r.bank_id, r.retired, r.question_updated_at),
    );
  }

  /** The checked content, or the first problem as a 400 naming the field. */
  private async checked(bank: BankRow, input: QuestionContent, db: DbOrTrx): Promise<QuestionContent> {
    const content = normaliseQuestion(input);
    const modules = (await standardModules(db, bank.occupation_code, bank.level)) ?? [];
    const [problem] = checkQuestion(content, modules);
    if (problem)
      throw new AppError('QUESTION_INVALID', {
        field: problem.field,
        params: problemParams(problem),
        details: { reason: problem.reason },
      });
    return content;
  }

  async createQuestion(actor: Actor, bankId: string, input: QuestionContent, meta: RequestMeta): Promise<QuestionView> {
    const bank = await this.managedBank(actor, bankId);
    const content = await this.checked(bank, input, this.deps.db);
    const now = this.deps.clock.now().toISOString();
    const ids = await this.deps.db.transaction().execute(async (trx) => {
      const [created] = await this.insertQuestions(trx, actor, bank.id, [content], now);
      await this.audit(trx, actor, bank, meta, 'question.created', { questionId: created.questionId });
      return created;
    });
    return {
      ...content,
      id: ids.questionId,
      bankId,
      version: 1,
      versionId: ids.versionId,
      retired: false,
      updatedAt: now,
    };
  }

  private async insertQuestions(
    trx: DbOrTrx,
    actor: Actor,
    bankId: string,
    contents: QuestionContent[],
    now: string,
  ): Promise<{ questionId: string; versionId: string }[]> {
    const ids = contents.map(() => ({ questionId: newId(), versionId: newId() }));
    for (let at = 0; at < contents.length; at += 200) {
      const part = ids.slice(at, at + 200);
      await trx
        .insertInto('questions')
        .values(
          part.map((i) => ({
            id: i.questionId,
            bank_id: bankId,
            current_version: 1,
            retired: 0,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      await trx
        .insertInto('question_versions')
        .values(
          part.map((i, k) => ({
            id: i.versionId,
            question_id: i.questionId,
            version: 1,
            ...versionValues(contents[at + k]),
            created_by: actor.userId,
            created_at: now,
          })),
        )
        .execute();
    }
    return ids;
  }

  private async questionRow(actor: Actor, questionId: string, db: DbOrTrx) {
    const q = await db.selectFrom('questions').selectAll().where('id', '=', questionId).executeTakeFirst();
    if (!q) throw new AppError('NOT_FOUND');
    const bank = await this.managedBank(actor, q.bank_id, db);
    return { q, bank };
  }

  /**
   * An edit is a new version: the version row an attempt holds is never changed. `expectedVersion` is the version
   * the editor started from; another edit saved in between is a conflict rather than a silent overwrite.
   */
  async editQuestion(
    actor: Actor,
    questionId: string,
    input: { content: QuestionContent; expectedVersion: number },
    meta: RequestMeta,
  ): Promise<QuestionView> {
    const { bank } = await this.questionRow(actor, questionId, this.deps.db);
    const content = await this.checked(bank, input.content, this.deps.db);
    const now = this.deps.clock.now().toISOString();
    const version = input.expectedVersion + 1;
    const versionId = newId();
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        const moved = await trx
          .updateTable('questions')
          .set({ current_version: version, updated_at: now })
          .where('id', '=', questionId)
          .where('current_version', '=', input.expectedVersion)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) throw new AppError('QUESTION_EDIT_CONFLICT');
        await trx
          .insertInto('question_versions')
          .values({
            id: versionId,
            question_id: questionId,
            version,
            ...versionValues(content),
            created_by: actor.userId,
            created_at: now,
          })
          .execute();
        await this.audit(trx, actor, bank, meta, 'question.edited', { questionId, version });
      });
    } catch (error) {
      // Two editors at once: the unique (question, version) index lets only one write version n + 1.
      if (error instanceof AppError) throw error;
      if (/unique|duplicate/i.test(String((error as Error)?.message))) throw new AppError('QUESTION_EDIT_CONFLICT');
      throw error;
    }
    const q = await this.deps.db
      .selectFrom('questions')
      .select('retired')
      .where('id', '=', questionId)
      .executeTakeFirstOrThrow();
    return {
      ...content,
      id: questionId,
      bankId: bank.id,
      version,
      versionId,
      retired: q.retired === 1,
      updatedAt: now,
    };
  }

  async setRetired(actor: Actor, questionId: string, retired: boolean, meta: RequestMeta): Promise<void> {
    const { bank } = await this.questionRow(actor, questionId, this.deps.db);
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('questions')
        .set({ retired: retired ? 1 : 0, updated_at: this.deps.clock.now().toISOString() })
        .where('id', '=', questionId)
        .execute();
      await this.audit(trx, actor, bank, meta, retired ? 'question.retired' : 'question.restored', { questionId });
    });
  }

  async versions(actor: Actor, questionId: string): Promise<QuestionVersionEntry[]> {
    const q = await this.deps.db
      .selectFrom('questions')
      .select('bank_id')
      .where('id', '=', questionId)
      .executeTakeFirst();
    if (!q) throw new AppError('NOT_FOUND');
    await this.readableBank(actor, q.bank_id);
    const rows = await this.deps.db
      .selectFrom('question_versions')
      .selectAll()
      .where('question_id', '=', questionId)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => ({ ...versionContent(r), versionId: r.id, version: r.version, createdAt: r.created_at }));
  }

  async importFile(
    actor: Actor,
    bankId: string,
    input: { mode: ImportMode; fileName: string; bytes: Buffer },
    meta: RequestMeta,
  ): Promise<QuestionImportReport> {
    const bank = await this.managedBank(actor, bankId);
    const modules = (await standardModules(this.deps.db, bank.occupation_code, bank.level)) ?? [];
    const file = checkFile(await readQuestionFile(input.bytes), modules);
    // A question already in the bank (same type and stem) is reported, so importing a file twice adds nothing.
    const existing = new Set(
      (await currentQuestions(this.deps.db, [bankId]).where('questions.retired', '=', 0).execute()).map(
        (r) => `${r.type}\u0000${r.stem}`,
      ),
    );
    const errors = [...file.issues];
    const good: QuestionContent[] = [];
    for (const r of file.rows) {
      if (!r.content) continue;
      if (existing.has(`${r.content.type}\u0000${r.content.stem}`)) {
        errors.push(questionIssue(r.row, 'stem', 'QUESTION_ROW_DUPLICATE_IN_BANK'));
        continue;
      }
      good.push(r.content);
    }
    errors.sort((a, b) => a.row - b.row);
    const invalid = file.rows.length - good.length;
    const report: QuestionImportReport = {
      mode: input.mode,
      fileName: input.fileName,
      format: file.format,
      rows: file.rows.length,
      valid: good.length,
      invalid,
      errors,
    };
    if (input.mode === 'check') return report;
    if (input.mode === 'all' && invalid > 0)
      throw new AppError('QUESTION_FILE_HAS_ERRORS', { params: { invalid }, details: report });
    await this.deps.db.transaction().execute(async (trx) => {
      await this.insertQuestions(trx, actor, bankId, good, this.deps.clock.now().toISOString());
      await this.audit(trx, actor, bank, meta, 'question_bank.imported', {
        mode: input.mode,
        fileName: input.fileName,
        format: file.format,
        sha256: createHash('sha256').update(input.bytes).digest('hex'),
        rows: report.rows,
        imported: good.length,
        skipped: invalid,
      });
    });
    return { ...report, imported: good.length };
  }

  /** The bank's current questions (retired ones left out) in a file; audited, since it carries every answer. */
  async exportFile(
    actor: Actor,
    bankId: string,
    format: QuestionFileFormat,
    meta: RequestMeta,
  ): Promise<{ fileName: string; bytes: Buffer }> {
    const bank = await this.readableBank(actor, bankId);
    const rows = await currentQuestions(this.deps.db, [bankId]).where('questions.retired', '=', 0).execute();
    const modules = (await standardModules(this.deps.db, bank.occupation_code, bank.level)) ?? [];
    const bytes = await writeQuestionFile(format, rows.map(versionContent), { name: bank.name, modules });
    await this.audit(this.deps.db, actor, bank, meta, 'question_bank.exported', { format, questions: rows.length });
    const ext = format === 'xlsx' ? 'xlsx' : format === 'gift' ? 'gift.txt' : 'xml';
    return { fileName: `${bank.name}.${ext}`, bytes };
  }

  async template(actor: Actor, bankId: string): Promise<{ fileName: string; bytes: Buffer }> {
    const bank = await this.readableBank(actor, bankId);
    const modules = (await standardModules(this.deps.db, bank.occupation_code, bank.level)) ?? [];
    return {
      fileName: `题目模板-${bank.name}.xlsx`,
      bytes: await writeQuestionFile('xlsx', [], { name: bank.name, modules }),
    };
  }
}

export function questionView(r: VersionRow, bankId: string, retired: number, updatedAt: string): QuestionView {
  return {
    ...versionContent(r),
    id: r.question_id,
    bankId,
    version: r.version,
    versionId: r.id,
    retired: retired === 1,
    updatedAt,
  };
}
