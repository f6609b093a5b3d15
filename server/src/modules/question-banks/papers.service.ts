import type { Kysely, Selectable } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AuditService } from '../audit/index.js';
import { requireActiveInstitution } from '../institutions/index.js';
import type { DrawRule } from './draw.js';
import {
  drawQuestions,
  totalOf,
  versionView,
  type PaperKind,
  type QuestionVersionView,
  type TypeScores,
} from './paper-draw.js';
import { versionContent } from './question-banks.repository.js';
import { paperManageScope, paperReadScope, questionBankPermissions as perms } from './question-banks.policy.js';
import type { PaperUsage } from './paper-usage.js';
import type { QuestionBanksService } from './question-banks.service.js';
import type { QuestionType } from './question.js';
import type { PapersTable } from './question-banks.tables.js';

export type PaperMode = 'fixed' | 'draw';
export type PaperInput = {
  name: string;
  kind: PaperKind;
  bankIds: string[];
  mode: PaperMode;
  questionIds: string[];
  rules: DrawRule[];
  typeScores: TypeScores;
};
export type PaperView = {
  id: string;
  name: string;
  kind: PaperKind;
  occupationCode: string;
  level: number;
  institutionId: string | null;
  bankIds: string[];
  mode: PaperMode;
  questionIds: string[];
  rules: { type: QuestionType; count: number; moduleCode: string | null; difficulty: number | null }[];
  typeScores: TypeScores;
  totalScore: number;
  questionCount: number;
  canManage: boolean;
  createdAt: string;
  updatedAt: string;
};
/** A drawn question as its author previews it: the examinee's view, the options in the drawn order, and the key. */
export type PreviewItem = QuestionVersionView & {
  rule: number | null;
  score: number;
  optionOrder: string[];
  answer: string[];
  explanation: string;
};
export type PaperPreview = { totalScore: number; items: PreviewItem[] };

type PaperRow = Selectable<PapersTable>;

/** Papers: a fixed list of questions or draw rules over a paper's banks, checked when saved. */
export class PapersService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      audit: AuditService;
      banks: QuestionBanksService;
      usage: PaperUsage;
    },
  ) {}

  /** Refuses to change or delete a paper that exams are set on (checked in the writing transaction). */
  private async requireUnused(db: DbOrTrx, id: string): Promise<void> {
    const count = await this.deps.usage.examsOn(db, id);
    if (count > 0) throw new AppError('PAPER_IN_USE', { params: { count }, details: { exams: count } });
  }

  private view(actor: Actor, r: PaperRow): PaperView {
    const rules = (JSON.parse(r.rules) as DrawRule[]).map((x) => ({
      type: x.type,
      count: x.count,
      moduleCode: x.moduleCode ?? null,
      difficulty: x.difficulty ?? null,
    }));
    const questionIds = JSON.parse(r.question_ids) as string[];
    return {
      id: r.id,
      name: r.name,
      kind: r.kind as PaperKind,
      occupationCode: r.occupation_code,
      level: r.level,
      institutionId: r.institution_id,
      bankIds: JSON.parse(r.bank_ids) as string[],
      mode: r.mode as PaperMode,
      questionIds,
      rules,
      typeScores: JSON.parse(r.type_scores) as TypeScores,
      totalScore: r.total_score,
      questionCount: r.mode === 'fixed' ? questionIds.length : rules.reduce((n, x) => n + x.count, 0),
      canManage: paperManageScope.allows(actor, r),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }

  async list(actor: Actor, query: { kind?: PaperKind }): Promise<PaperView[]> {
    requirePermission(actor, perms['papers.read']);
    let qb = this.deps.db
      .selectFrom('papers')
      .selectAll()
      .where((eb) => paperReadScope.where(eb, actor));
    if (query.kind) qb = qb.where('kind', '=', query.kind);
    const rows = await qb.orderBy('created_at', 'desc').orderBy('id').limit(500).execute();
    return rows.map((r) => this.view(actor, r));
  }

  private async readable(actor: Actor, id: string, db: DbOrTrx = this.deps.db): Promise<PaperRow> {
    requirePermission(actor, perms['papers.read']);
    const row = await db.selectFrom('papers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !paperReadScope.allows(actor, row)) throw new AppError('NOT_FOUND');
    return row;
  }

  async detail(actor: Actor, id: string): Promise<PaperView> {
    return this.view(actor, await this.readable(actor, id));
  }

  /**
   * The paper as it would be stored, after every check: the banks are readable by the author and of one occupation
   * and level; a fixed paper's questions are current questions of those banks; a drawn paper's rules can be met.
   */
  private async assess(actor: Actor, input: PaperInput, db: DbOrTrx) {
    const banks = await Promise.all(
      [...new Set(input.bankIds)].map((id) => this.deps.banks.readableBank(actor, id, db)),
    );
    const [first] = banks;
    if (!first) throw new AppError('VALIDATION_FAILED', { field: 'bankIds' });
    if (banks.some((b) => b.occupation_code !== first.occupation_code || b.level !== first.level))
      throw new AppError('PAPER_BANKS_MISMATCH', { field: 'bankIds' });
    const stored = {
      bank_ids: JSON.stringify(banks.map((b) => b.id)),
      mode: input.mode,
      question_ids: JSON.stringify(input.mode === 'fixed' ? [...new Set(input.questionIds)] : []),
      rules: JSON.stringify(
        input.mode === 'draw'
          ? input.rules.map((r) => ({
              type: r.type,
              count: r.count,
              moduleCode: r.moduleCode ?? null,
              difficulty: r.difficulty ?? null,
            }))
          : [],
      ),
      type_scores: JSON.stringify(input.typeScores),
    };
    if (input.mode === 'fixed' && input.questionIds.length === 0)
      throw new AppError('VALIDATION_FAILED', { field: 'questionIds' });
    if (input.mode === 'draw' && input.rules.length === 0) throw new AppError('VALIDATION_FAILED', { field: 'rules' });
    if (input.mode === 'fixed') {
      // New papers take only questions in use; retired ones stay on the papers that already had them.
      const live = await db
        .selectFrom('questions')
        .select('id')
        .where('id', 'in', JSON.parse(stored.question_ids) as string[])
        .where(
          'bank_id',
          'in',
          banks.map((b) => b.id),
        )
        .where('retired', '=', 0)
        .execute();
      if (live.length !== (JSON.parse(stored.question_ids) as string[]).length)
        throw new AppError('PAPER_QUESTION_UNAVAILABLE', { field: 'questionIds' });
    }
    const drawn = await drawQuestions(db, stored, 'paper-check');
    const total = totalOf(
      { mode: input.mode, rules: input.rules, types: drawn.map((d) => d.version.type as QuestionType) },
      input.typeScores,
    );
    return { stored, drawn, total, bank: first };
  }

  async create(actor: Actor, input: PaperInput, meta: RequestMeta): Promise<PaperView> {
    requirePermission(actor, perms['papers.manage']);
    await requireActiveInstitution(this.deps.db, actor);
    const institutionId = actor.role === 'operator' ? null : actor.institutionId;
    if (actor.role !== 'operator' && !institutionId) throw new AppError('FORBIDDEN');
    const { stored, total, bank } = await this.assess(actor, input, this.deps.db);
    const now = this.deps.clock.now().toISOString();
    const regionCode = institutionId
      ? ((
          await this.deps.db
            .selectFrom('institutions')
            .select('region_code')
            .where('id', '=', institutionId)
            .executeTakeFirst()
        )?.region_code ?? null)
      : null;
    const row: PaperRow = {
      id: newId(),
      institution_id: institutionId,
      region_code: regionCode,
      name: input.name.trim(),
      kind: input.kind,
      occupation_code: bank.occupation_code,
      level: bank.level,
      ...stored,
      total_score: total,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    };
    await this.deps.db.transaction().execute(async (trx) => {
      await trx.insertInto('papers').values(row).execute();
      await this.audit(trx, actor, row, meta, 'paper.created');
    });
    return this.view(actor, row);
  }

  async update(actor: Actor, id: string, input: PaperInput, meta: RequestMeta): Promise<PaperView> {
    const before = await this.managed(actor, id);
    const { stored, total, bank } = await this.assess(actor, input, this.deps.db);
    const now = this.deps.clock.now().toISOString();
    const row: PaperRow = {
      ...before,
      name: input.name.trim(),
      kind: input.kind,
      occupation_code: bank.occupation_code,
      level: bank.level,
      ...stored,
      total_score: total,
      updated_at: now,
    };
    await this.deps.db.transaction().execute(async (trx) => {
      await this.requireUnused(trx, id);
      await trx
        .updateTable('papers')
        .set({
          name: row.name,
          kind: row.kind,
          occupation_code: row.occupation_code,
          level: row.level,
          ...stored,
          total_score: total,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      await this.audit(trx, actor, row, meta, 'paper.updated');
    });
    return this.view(actor, row);
  }

  async remove(actor: Actor, id: string, meta: RequestMeta): Promise<void> {
    const row = await this.managed(actor, id);
    await this.deps.db.transaction().execute(async (trx) => {
      await this.requireUnused(trx, id);
      await trx.deleteFrom('papers').where('id', '=', id).execute();
      await this.audit(trx, actor, row, meta, 'paper.deleted');
    });
  }

  private async managed(actor: Actor, id: string): Promise<PaperRow> {
    requirePermission(actor, perms['papers.manage']);
    const row = await this.readable(actor, id);
    if (!paperManageScope.allows(actor, row)) throw new AppError('FORBIDDEN');
    await requireActiveInstitution(this.deps.db, actor);
    return row;
  }

  /** A draw of an unsaved paper, as the builder shows it (or the refusal naming the rule that cannot be met). */
  async preview(actor: Actor, input: PaperInput, seed: string): Promise<PaperPreview> {
    requirePermission(actor, perms['papers.manage']);
    const { total, stored } = await this.assess(actor, input, this.deps.db);
    const drawn = await drawQuestions(this.deps.db, stored, seed);
    return {
      totalScore: total,
      items: drawn.map((d) => {
        const c = versionContent(d.version);
        return {
          ...versionView(d.version),
          rule: d.rule,
          score: d.score,
          optionOrder: d.optionOrder,
          answer: c.answer,
          explanation: c.explanation,
        };
      }),
    };
  }

  private audit(db: DbOrTrx, actor: Actor, row: PaperRow, meta: RequestMeta, action: string) {
    return this.deps.audit.record(db, {
      actor,
      action,
      targetType: 'paper',
      targetId: row.id,
      institutionId: row.institution_id,
      regionCode: row.region_code,
      meta,
      details: { name: row.name, kind: row.kind, mode: row.mode, totalScore: row.total_score },
    });
  }
}
