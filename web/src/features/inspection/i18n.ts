// Messages of the self-inspection page (数据自查), merged into the app's translation namespace under "inspection".

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const zh = {
  title: '数据自查',
  intro:
    '按期间核查本机构各班级、每名学员的学习数据：线上核定学时、线下出勤、完成课时、人脸核验、预警与异常记录；标出需要核查的学员。',
  introRegulator: '选择辖区内的培训机构和期间，查看其数据自查报告。',
  institution: '培训机构',
  institutionPlaceholder: '选择培训机构',
  period: '自查期间',
  export: '导出 Excel',
  exportNote: '导出文件含学员个人信息（身份证号已脱敏），导出将记入审计日志。',
  choose: '请选择培训机构。',
  summary: {
    classes: '班级',
    enrolled: '在册学员',
    onlineHours: '线上学时',
    offlineHours: '线下学时',
    faces: '人脸核验（通过/未通过）',
    alerts: '预警',
    anomalies: '异常记录',
    flagged: '需核查学员',
  },
  classTitle: '{{name}}（{{start}} 至 {{end}}）',
  status: { approved: '培训中', closed: '已结班' },
  columns: {
    name: '学员',
    online: '线上学时',
    offline: '线下学时',
    lessons: '完成课时',
    sessions: '学习次数',
    faces: '人脸核验',
    alerts: '预警',
    anomalies: '异常',
    findings: '核查提示',
  },
  anomalyDetail: '被拒上报 {{refused}}，未响应抽查 {{missed}}，抽查未通过 {{failed}}，异地设备 {{elsewhere}}',
  findings: {
    refused_reports: '被拒上报',
    missed_checks: '未响应抽查',
    failed_checks: '抽查未通过',
    face_check_failures: '人脸未通过',
    other_device: '其他设备登录',
    alerts: '有预警',
    offline_without_online: '有线下无线上',
  },
  none: '无',
  noClasses: '该期间没有在训或已结班的班级。',
  trace: '轨迹',
  withdrawn: '已退出',
};

const en: Shape<typeof zh> = {
  title: 'Self-inspection',
  intro:
    'Check the learning data of every class and learner of the institution for a period: credited online hours, offline attendance, lessons completed, face checks, alerts and anomalies; learners to look at are marked.',
  introRegulator: 'Choose an institution of your region and a period to see its self-inspection report.',
  institution: 'Institution',
  institutionPlaceholder: 'Choose an institution',
  period: 'Period',
  export: 'Export to Excel',
  exportNote: 'The file holds learners’ personal data (ID numbers masked); the export is recorded in the audit log.',
  choose: 'Choose an institution.',
  summary: {
    classes: 'Classes',
    enrolled: 'Enrolled',
    onlineHours: 'Online hours',
    offlineHours: 'Offline hours',
    faces: 'Face checks (passed/failed)',
    alerts: 'Alerts',
    anomalies: 'Anomalies',
    flagged: 'Learners to check',
  },
  classTitle: '{{name}} ({{start}} to {{end}})',
  status: { approved: 'In training', closed: 'Closed' },
  columns: {
    name: 'Learner',
    online: 'Online hours',
    offline: 'Offline hours',
    lessons: 'Lessons done',
    sessions: 'Sessions',
    faces: 'Face checks',
    alerts: 'Alerts',
    anomalies: 'Anomalies',
    findings: 'To check',
  },
  anomalyDetail:
    'refused reports {{refused}}, missed checks {{missed}}, failed checks {{failed}}, other devices {{elsewhere}}',
  findings: {
    refused_reports: 'Refused reports',
    missed_checks: 'Missed checks',
    failed_checks: 'Failed checks',
    face_check_failures: 'Face check failed',
    other_device: 'Another device',
    alerts: 'Alerts',
    offline_without_online: 'Offline without online',
  },
  none: 'None',
  noClasses: 'No class in training or closed in this period.',
  trace: 'Trace',
  withdrawn: 'Withdrawn',
};

export const inspectionMessages = {
  'zh-CN': { inspection: zh, shell: { inspection: '数据自查' } },
  en: { inspection: en, shell: { inspection: 'Self-inspection' } },
};
