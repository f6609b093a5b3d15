import ExcelJS from 'exceljs';

// The data self-inspection report (数据自查报告) as pure functions: what a learner's figures for the period reveal,
// the class totals, and the Excel workbook (Chinese headers, masked ID numbers).

export type InspectionFigures = {
  onlineSeconds: number;
  onlineHours: number;
  offlineMinutes: number;
  offlineHours: number;
  lessonsCompleted: number;
  lessonsTotal: number;
  faceChecksPassed: number;
  faceChecksFailed: number;
  alerts: number;
  /** Reports the server refused (replays, impossible positions, clock jumps: what scripts and plug-ins produce). */
  refusedReports: number;
  /** Checks (code or face) not answered in time, and checks failed after the allowed attempts. */
  missedChecks: number;
  failedChecks: number;
  /** Lessons started on another device while one was open (the older one is ended). */
  otherDeviceStarts: number;
  sessions: number;
};

export type Finding =
  | 'refused_reports'
  | 'missed_checks'
  | 'failed_checks'
  | 'face_check_failures'
  | 'other_device'
  | 'alerts'
  | 'offline_without_online';
export const FINDING_ZH: Record<Finding, string> = {
  refused_reports: '存在被拒绝的学习上报',
  missed_checks: '未按时响应抽查',
  failed_checks: '抽查未通过',
  face_check_failures: '人脸核验未通过',
  other_device: '学习中途在其他设备登录',
  alerts: '存在预警',
  offline_without_online: '有线下学时但无线上学习记录',
};

/** What a learner's figures for the period call for a look at; empty when nothing does. */
export function findings(f: InspectionFigures): Finding[] {
  const out: Finding[] = [];
  if (f.refusedReports > 0) out.push('refused_reports');
  if (f.missedChecks > 0) out.push('missed_checks');
  if (f.failedChecks > 0) out.push('failed_checks');
  if (f.faceChecksFailed > 0) out.push('face_check_failures');
  if (f.otherDeviceStarts > 0) out.push('other_device');
  if (f.alerts > 0) out.push('alerts');
  // Offline practice follows online theory: attendance with no online learning at all in the period is worth a look.
  if (f.offlineMinutes > 0 && f.onlineSeconds === 0 && f.lessonsCompleted === 0 && f.sessions === 0)
    out.push('offline_without_online');
  return out;
}

/** The anomalies a learner's evidence holds: refused reports, missed and failed checks, starts elsewhere. */
export const anomalyCount = (f: InspectionFigures) =>
  f.refusedReports + f.missedChecks + f.failedChecks + f.otherDeviceStarts;

export type InspectionLearner = InspectionFigures & {
  userId: string;
  name: string;
  idNumberMasked: string;
  enrolment: 'enrolled' | 'withdrawn';
  anomalies: number;
  findings: Finding[];
};
export type ClassTotals = {
  enrolled: number;
  withdrawn: number;
  onlineHours: number;
  offlineHours: number;
  lessonsCompleted: number;
  faceChecksPassed: number;
  faceChecksFailed: number;
  alerts: number;
  anomalies: number;
  flagged: number;
};

const round1 = (v: number) => Math.round(v * 10) / 10;

export function classTotals(learners: InspectionLearner[]): ClassTotals {
  const sum = (pick: (l: InspectionLearner) => number) => learners.reduce((s, l) => s + pick(l), 0);
  return {
    enrolled: learners.filter((l) => l.enrolment === 'enrolled').length,
    withdrawn: learners.filter((l) => l.enrolment === 'withdrawn').length,
    onlineHours: round1(sum((l) => l.onlineHours)),
    offlineHours: round1(sum((l) => l.offlineHours)),
    lessonsCompleted: sum((l) => l.lessonsCompleted),
    faceChecksPassed: sum((l) => l.faceChecksPassed),
    faceChecksFailed: sum((l) => l.faceChecksFailed),
    alerts: sum((l) => l.alerts),
    anomalies: sum((l) => l.anomalies),
    flagged: learners.filter((l) => l.findings.length > 0).length,
  };
}

export const CLASS_HEADERS = [
  '序号',
  '班级',
  '状态',
  '培训周期',
  '在册学员',
  '已退出',
  '线上学时',
  '线下学时',
  '完成课时数',
  '人脸核验通过',
  '人脸核验未通过',
  '预警',
  '异常记录',
  '需核查学员',
] as const;
export const LEARNER_HEADERS = [
  '序号',
  '班级',
  '姓名',
  '身份证号',
  '报名状态',
  '线上学时',
  '线上学习时长（分钟）',
  '线下学时',
  '线下出勤（分钟）',
  '完成课时（本期/总数）',
  '学习次数',
  '人脸核验通过',
  '人脸核验未通过',
  '预警',
  '被拒上报',
  '未响应抽查',
  '抽查未通过',
  '异地设备登录',
  '核查提示',
] as const;

const STATUS_ZH: Record<string, string> = { approved: '培训中', closed: '已结班' };

export type InspectionSheetInput = {
  institutionName: string;
  regionName: string;
  from: string;
  to: string;
  exportedAt: string;
  exportedBy: string;
  classes: {
    name: string;
    status: string;
    startDate: string;
    endDate: string;
    totals: ClassTotals;
    learners: InspectionLearner[];
  }[];
};

/** The report as a workbook: a summary per class, every learner's figures and findings, and what the file is. */
export async function inspectionWorkbook(input: InspectionSheetInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Yunxue';
  const summary = workbook.addWorksheet('班级汇总', { views: [{ state: 'frozen', ySplit: 1 }] });
  summary.addRow([...CLASS_HEADERS]).font = { bold: true };
  input.classes.forEach((c, i) => {
    const t = c.totals;
    summary.addRow([
      i + 1,
      c.name,
      STATUS_ZH[c.status] ?? c.status,
      `${c.startDate} 至 ${c.endDate}`,
      t.enrolled,
      t.withdrawn,
      t.onlineHours,
      t.offlineHours,
      t.lessonsCompleted,
      t.faceChecksPassed,
      t.faceChecksFailed,
      t.alerts,
      t.anomalies,
      t.flagged,
    ]);
  });
  [6, 30, 8, 24, 10, 8, 10, 10, 12, 12, 14, 8, 10, 12].forEach((w, i) => {
    summary.getColumn(i + 1).width = w;
  });

  const detail = workbook.addWorksheet('学员明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  detail.addRow([...LEARNER_HEADERS]).font = { bold: true };
  let n = 0;
  for (const c of input.classes) {
    for (const l of c.learners) {
      n += 1;
      detail.addRow([
        n,
        c.name,
        l.name,
        l.idNumberMasked,
        l.enrolment === 'enrolled' ? '在读' : '已退出',
        l.onlineHours,
        Math.floor(l.onlineSeconds / 60),
        l.offlineHours,
        l.offlineMinutes,
        `${l.lessonsCompleted}/${l.lessonsTotal}`,
        l.sessions,
        l.faceChecksPassed,
        l.faceChecksFailed,
        l.alerts,
        l.refusedReports,
        l.missedChecks,
        l.failedChecks,
        l.otherDeviceStarts,
        l.findings.map((f) => FINDING_ZH[f]).join('；'),
      ]);
    }
  }
  [6, 26, 10, 22, 8, 10, 12, 10, 12, 14, 8, 12, 14, 6, 10, 10, 10, 12, 40].forEach((w, i) => {
    detail.getColumn(i + 1).width = w;
  });
  detail.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LEARNER_HEADERS.length } };

  const about = workbook.addWorksheet('说明');
  for (const row of [
    ['培训机构', input.institutionName],
    ['所在地区', input.regionName],
    ['自查期间', `${input.from} 至 ${input.to}（北京时间）`],
    ['导出时间', input.exportedAt],
    ['导出人', input.exportedBy],
    [
      '口径',
      '线上学时为期间内学习引擎核定的时长按班级学时长度折算；线下学时为期间内签到的出勤；人脸核验按学员期间内的在线学习核验统计。',
    ],
    ['说明', '本文件含学员个人信息（身份证号已脱敏），导出已记入审计日志，请妥善保管。'],
  ])
    about.addRow(row);
  about.getColumn(1).width = 16;
  about.getColumn(2).width = 90;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
