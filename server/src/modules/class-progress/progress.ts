import ExcelJS from 'exceljs';
import { offlineClassHours } from '../attendance/index.js';
import type { OnlineCredit } from './online-progress.js';

// Class hours per learner, as pure functions: credited online seconds and attended offline minutes become class
// hours under the class's policy, are compared with what the class requires, and give the learner's stage.

export type LearnerStage = 'not_started' | 'learning' | 'theory_complete' | 'completed';
export const STAGE_ZH: Record<LearnerStage, string> = {
  not_started: '未开始',
  learning: '学习中',
  theory_complete: '理论完成',
  completed: '已完成',
};

/** What the class asks of every learner, under the policy it keeps. */
export type HoursPlan = {
  classHourMinutes: number;
  /** Some provinces count online hours at a discount (policy onlineHourFactor); 1 elsewhere. */
  onlineHourFactor: number;
  /** Class hours of the class's courses (probed durations and planned document minutes). */
  onlineRequiredHours: number;
  /** Offline practice hours the class planned. */
  offlineRequiredHours: number;
  /** Online (counted with the factor) plus offline: the class's total, as its "hours" pre-check counts it. */
  requiredHours: number;
};

export type LearnerFigures = {
  onlineSeconds: number;
  onlineHours: number;
  lessonsCompleted: number;
  lessonsTotal: number;
  offlineMinutes: number;
  offlineHours: number;
  totalHours: number;
  requiredHours: number;
  stage: LearnerStage;
};

const round1 = (n: number) => Math.round(n * 10) / 10;
/** One decimal, never rounded up (the tiny epsilon keeps 0.3 / 0.1-style float noise from losing a tenth). */
const floor1 = (n: number) => Math.floor(n * 10 + 1e-9) / 10;

/** Credited seconds as class hours of the policy's length: one decimal, never rounded up, like course hours. */
export function onlineClassHours(seconds: number, classHourMinutes: number): number {
  return floor1(Math.max(0, seconds) / 60 / classHourMinutes);
}

export function hoursPlan(input: {
  classHourMinutes: number;
  onlineHourFactor: number;
  courseHours: number[];
  offlineHours: number;
}): HoursPlan {
  const onlineRequiredHours = round1(input.courseHours.reduce((sum, h) => sum + h, 0));
  return {
    classHourMinutes: input.classHourMinutes,
    onlineHourFactor: input.onlineHourFactor,
    onlineRequiredHours,
    offlineRequiredHours: input.offlineHours,
    requiredHours: round1(onlineRequiredHours * input.onlineHourFactor + input.offlineHours),
  };
}

/**
 * Theory is complete when every online lesson is; the learner has completed the class when, in addition, the
 * attended offline hours reach the planned ones. Before anything is credited or attended, the learner has not started.
 */
export function learnerStage(
  f: {
    lessonsCompleted: number;
    lessonsTotal: number;
    onlineSeconds: number;
    offlineMinutes: number;
    offlineHours: number;
  },
  plan: HoursPlan,
): LearnerStage {
  const theoryDone = f.lessonsCompleted >= f.lessonsTotal;
  if (theoryDone && f.offlineHours >= plan.offlineRequiredHours) return 'completed';
  if (theoryDone && f.lessonsTotal > 0) return 'theory_complete';
  if (f.onlineSeconds > 0 || f.lessonsCompleted > 0 || f.offlineMinutes > 0) return 'learning';
  return theoryDone ? 'theory_complete' : 'not_started';
}

export function learnerFigures(credit: OnlineCredit, offlineMinutes: number, plan: HoursPlan): LearnerFigures {
  const onlineHours = onlineClassHours(credit.creditedSeconds, plan.classHourMinutes);
  const offlineHours = offlineClassHours(offlineMinutes, plan.classHourMinutes);
  const figures = {
    onlineSeconds: credit.creditedSeconds,
    onlineHours,
    lessonsCompleted: credit.lessonsCompleted,
    lessonsTotal: credit.lessonsTotal,
    offlineMinutes,
    offlineHours,
    totalHours: floor1(onlineHours * plan.onlineHourFactor + offlineHours),
    requiredHours: plan.requiredHours,
  };
  return { ...figures, stage: learnerStage(figures, plan) };
}

// ---- the Excel export ---------------------------------------------------------------------------------------

export type ProgressSheetRow = LearnerFigures & {
  name: string;
  idNumberMasked: string;
  enrolment: 'enrolled' | 'withdrawn';
};
export const PROGRESS_HEADERS = [
  '序号',
  '姓名',
  '身份证号',
  '报名状态',
  '线上学时',
  '线上课时（已完成/总数）',
  '线下出勤（分钟）',
  '线下学时',
  '合计学时',
  '要求学时',
  '学习状态',
] as const;

/** The class's hours as a workbook: one row per learner (ID numbers masked), and a sheet saying what the file is. */
export async function progressWorkbook(input: {
  className: string;
  institutionName: string;
  plan: HoursPlan;
  exportedAt: string;
  exportedBy: string;
  rows: ProgressSheetRow[];
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Yunxue';
  const sheet = workbook.addWorksheet('学时进度', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...PROGRESS_HEADERS]).font = { bold: true };
  input.rows.forEach((r, i) => {
    sheet.addRow([
      i + 1,
      r.name,
      r.idNumberMasked,
      r.enrolment === 'enrolled' ? '在读' : '已退出',
      r.onlineHours,
      `${r.lessonsCompleted}/${r.lessonsTotal}`,
      r.offlineMinutes,
      r.offlineHours,
      r.totalHours,
      r.requiredHours,
      STAGE_ZH[r.stage],
    ]);
  });
  [6, 10, 22, 10, 10, 22, 16, 10, 10, 10, 10].forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: PROGRESS_HEADERS.length } };

  const about = workbook.addWorksheet('说明');
  for (const row of [
    ['班级', input.className],
    ['培训机构', input.institutionName],
    ['学时长度（分钟）', input.plan.classHourMinutes],
    ['线上学时计入系数', input.plan.onlineHourFactor],
    ['线上要求学时', input.plan.onlineRequiredHours],
    ['线下要求学时', input.plan.offlineRequiredHours],
    ['导出时间', input.exportedAt],
    ['导出人', input.exportedBy],
    ['说明', '本文件含学员个人信息（身份证号已脱敏），导出已记入审计日志，请妥善保管。'],
  ])
    about.addRow(row);
  about.getColumn(1).width = 20;
  about.getColumn(2).width = 60;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
