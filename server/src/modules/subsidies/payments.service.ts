import ExcelJS from 'exceljs';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { formatBeijingTime } from '../../platform/time.js';
import { transition } from '../../platform/transition.js';
import type { AuditService } from '../audit/index.js';
import { formatFen } from './explanations.js';
import { batchScope, lineScope, subsidyPermissions } from './subsidies.policy.js';
import type { SubsidyBatchesTable } from './subsidies.tables.js';

export type PaymentBatch = {
  id: string;
  regionCode: string;
  status: 'open' | 'paid';
  lineCount: number;
  totalFen: number;
  voucherNo: string | null;
  createdAt: string;
  paidAt: string | null;
};

const batchOf = (r: Selectable<SubsidyBatchesTable>): PaymentBatch => ({
  id: r.id,
  regionCode: r.region_code,
  status: r.status,
  lineCount: r.line_count,
  totalFen: Number(r.total_fen),
  voucherNo: r.voucher_no,
  createdAt: r.created_at,
  paidAt: r.paid_at,
});

export const BATCH_HEADERS = [
  '序号',
  '姓名',
  '身份证号（脱敏）',
  '培训机构',
  '班级',
  '职业编码',
  '等级',
  '学员补贴（元）',
  '机构补贴（元）',
  '合计（元）',
  '审核时间',
] as const;

/**
 * Payment: the approved lines of a regulator's region subtree not yet in a batch form one batch, exported to Excel
 * for the finance system (audited: it carries personal data), then marked paid with the finance voucher number, which
 * marks every line of the batch paid.
 */
export class PaymentsService {
  constructor(private readonly deps: { db: Kysely<Database>; clock: Clock; audit: AuditService }) {}

  async list(actor: Actor): Promise<PaymentBatch[]> {
    requirePermission(actor, subsidyPermissions['subsidies.pay']);
    const rows = await this.deps.db
      .selectFrom('subsidy_batches')
      .selectAll()
      .where((eb) => batchScope.where(eb, actor))
      .orderBy('created_at', 'desc')
      .limit(200)
      .execute();
    return rows.map(batchOf);
  }

  private async visible(actor: Actor, batchId: string) {
    requirePermission(actor, subsidyPermissions['subsidies.pay']);
    const row = await this.deps.db
      .selectFrom('subsidy_batches')
      .selectAll()
      .where('id', '=', batchId)
      .executeTakeFirst();
    if (!row || !batchScope.allows(actor, row)) throw new AppError('NOT_FOUND');
    return row;
  }

  /** Puts every approved, unbatched line of the regulator's region subtree into a new batch. */
  async create(actor: Actor, meta: RequestMeta): Promise<PaymentBatch> {
    requirePermission(actor, subsidyPermissions['subsidies.pay']);
    if (!actor.regionCode) throw new AppError('FORBIDDEN');
    const id = newId();
    const at = this.deps.clock.now().toISOString();
    let batch: PaymentBatch | undefined;
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('subsidy_batches')
        .values({
          id,
          region_code: actor.regionCode!,
          status: 'open',
          line_count: 0,
          total_fen: 0,
          voucher_no: null,
          created_by: actor.userId,
          created_at: at,
          paid_by: null,
          paid_at: null,
        })
        .execute();
      // Conditional on `batch_id is null`: a line taken by a concurrent batch is not taken twice.
      await trx
        .updateTable('subsidy_claim_lines')
        .set({ batch_id: id, updated_at: at })
        .where('status', '=', 'approved')
        .where('batch_id', 'is', null)
        .where((eb) => lineScope.where(eb, actor))
        .execute();
      const totals = await trx
        .selectFrom('subsidy_claim_lines')
        .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('amount_fen').as('total')])
        .where('batch_id', '=', id)
        .executeTakeFirstOrThrow();
      const lineCount = Number(totals.n);
      if (lineCount === 0) throw new AppError('SUBSIDY_BATCH_EMPTY');
      const totalFen = Number(totals.total ?? 0);
      await trx
        .updateTable('subsidy_batches')
        .set({ line_count: lineCount, total_fen: totalFen })
        .where('id', '=', id)
        .execute();
      await this.deps.audit.record(trx, {
        actor,
        action: 'subsidy.batch_created',
        targetType: 'subsidy_batch',
        targetId: id,
        regionCode: actor.regionCode,
        meta,
        details: { lineCount, totalFen },
      });
      batch = {
        id,
        regionCode: actor.regionCode!,
        status: 'open',
        lineCount,
        totalFen,
        voucherNo: null,
        createdAt: at,
        paidAt: null,
      };
    });
    return batch!;
  }

  /** The batch as an .xlsx file for the finance system (ID numbers masked); audited. */
  async exportXlsx(actor: Actor, batchId: string, meta: RequestMeta): Promise<{ fileName: string; bytes: Buffer }> {
    const batch = await this.visible(actor, batchId);
    const lines = await this.deps.db
      .selectFrom('subsidy_claim_lines')
      .innerJoin('subsidy_claims', 'subsidy_claims.id', 'subsidy_claim_lines.claim_id')
      .innerJoin('classes', 'classes.id', 'subsidy_claim_lines.class_id')
      .innerJoin('institutions', 'institutions.id', 'subsidy_claim_lines.institution_id')
      .select([
        'subsidy_claim_lines.learner_name',
        'subsidy_claim_lines.id_number_masked',
        'subsidy_claim_lines.trainee_fen',
        'subsidy_claim_lines.institution_fen',
        'subsidy_claim_lines.amount_fen',
        'subsidy_claim_lines.decided_at',
        'classes.name as class_name',
        'institutions.name as institution_name',
        'subsidy_claims.occupation_code',
        'subsidy_claims.level',
      ])
      .where('subsidy_claim_lines.batch_id', '=', batchId)
      .orderBy('institutions.name')
      .orderBy('classes.name')
      .orderBy('subsidy_claim_lines.learner_name')
      .execute();
    const now = this.deps.clock.now();
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Yunxue';
    const sheet = workbook.addWorksheet('补贴拨付', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow([...BATCH_HEADERS]).font = { bold: true };
    lines.forEach((l, i) =>
      sheet.addRow([
        i + 1,
        l.learner_name,
        l.id_number_masked,
        l.institution_name,
        l.class_name,
        l.occupation_code,
        l.level,
        formatFen(Number(l.trainee_fen)),
        formatFen(Number(l.institution_fen)),
        formatFen(Number(l.amount_fen)),
        l.decided_at ? formatBeijingTime(l.decided_at) : '',
      ]),
    );
    [6, 10, 22, 24, 24, 12, 6, 14, 14, 14, 20].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
    const about = workbook.addWorksheet('说明');
    for (const row of [
      ['批次', batch.id],
      ['区域', batch.region_code],
      ['笔数', batch.line_count],
      ['合计（元）', formatFen(Number(batch.total_fen))],
      ['导出时间', formatBeijingTime(now)],
      ['导出人', actor.name],
      ['说明', '金额以分为单位计算，不足一分舍去；本文件含个人信息（身份证号已脱敏），导出已记入审计日志。'],
    ])
      about.addRow(row);
    about.getColumn(1).width = 16;
    about.getColumn(2).width = 60;
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    await this.deps.audit.record(this.deps.db, {
      actor,
      action: 'subsidy.batch_exported',
      targetType: 'subsidy_batch',
      targetId: batchId,
      regionCode: batch.region_code,
      meta,
      details: { format: 'xlsx', lines: lines.length, fields: ['name', 'idNumberMasked', 'amounts'] },
    });
    return { fileName: `补贴拨付-${formatBeijingTime(now).slice(0, 10)}-${batchId.slice(-6)}.xlsx`, bytes };
  }

  /** Marks the batch paid with the finance voucher number; every line of it becomes paid. */
  async markPaid(actor: Actor, batchId: string, voucherNo: string, meta: RequestMeta): Promise<PaymentBatch> {
    const batch = await this.visible(actor, batchId);
    const voucher = voucherNo.trim();
    if (!voucher) throw new AppError('VALIDATION_FAILED', { field: 'voucherNo' });
    const at = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      await transition(
        trx,
        {
          table: 'subsidy_batches',
          id: batchId,
          from: ['open'],
          set: { status: 'paid', voucher_no: voucher, paid_by: actor.userId, paid_at: at },
          conflict: () => new AppError('SUBSIDY_BATCH_PAID'),
        },
        {
          history: (t) =>
            t
              .updateTable('subsidy_claim_lines')
              .set({ status: 'paid', voucher_no: voucher, paid_at: at, updated_at: at })
              .where('batch_id', '=', batchId)
              .where('status', '=', 'approved')
              .execute(),
          audit: (t) =>
            this.deps.audit.record(t, {
              actor,
              action: 'subsidy.batch_paid',
              targetType: 'subsidy_batch',
              targetId: batchId,
              regionCode: batch.region_code,
              meta,
              details: { voucherNo: voucher, lineCount: batch.line_count, totalFen: Number(batch.total_fen) },
            }),
        },
      );
    });
    return batchOf({ ...batch, status: 'paid', voucher_no: voucher, paid_by: actor.userId, paid_at: at });
  }
}
