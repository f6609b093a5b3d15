// Messages of the traceability pages (学习轨迹), merged into the app's translation namespace under "trace".

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const zh = {
  title: '学习轨迹',
  intro: '按姓名、完整手机号或身份证号查找辖区（本机构）学员，查看其每一次学习的时间、地点、设备、核定学时、抽查与人脸核验记录。',
  searchPlaceholder: '姓名 / 手机号 / 身份证号',
  name: '学员', idNumber: '身份证号', phone: '手机号', institution: '所属机构', region: '所在地区', empty: '没有找到学员。', open: '查看轨迹',
  back: '返回查找',
  period: '期间',
  classes: '所在班级',
  totals: {
    sessions: '学习次数', credited: '核定学习时长', refused: '被拒上报', checks: '抽查（通过/未通过）', faces: '人脸核验（通过/未通过）',
  },
  minutes: '{{count}} 分钟',
  session: {
    started: '开始', last: '最后上报', ip: 'IP', place: '地点', device: '设备', credited: '核定时长', heartbeats: '心跳 {{count}} 次',
    end: { ended: '正常结束', superseded: '被新的登录结束', open: '未结束' },
    supersededBy: '新设备 {{device}}，IP {{ip}}',
    noPlace: '未知',
  },
  placeNote: '未安装离线 IP 地址库，地点暂不显示。',
  checks: '抽查',
  checkKinds: { code: '验证码抽查', face: '人脸抽查' },
  outcome: { passed: '通过', failed: '未通过', missed: '超时未响应', open: '进行中' },
  answer: { passed: '通过', wrong: '错误', failed: '未通过', late: '超时' },
  issuedAt: '{{time}} 发出',
  refused: '被拒绝的上报（{{count}}）',
  refusedReasons: {
    duplicate: '重复上报', out_of_order: '顺序错乱', clock_backwards: '客户端时间倒退', bad_position: '播放位置异常', session_ended: '会话已结束', unknown: '其他',
  },
  faceChecks: '人脸核验',
  otherFaceChecks: '其他人脸核验（签到等）',
  faceResult: { pass: '通过', fail: '不符', rejected: '照片不合格', not_enrolled: '未采集' },
  distance: '距离 {{distance}}（阈值 {{threshold}}）',
  showPhoto: '查看照片',
  photoNote: '查看人脸照片将记入审计日志。',
  noPhoto: '无照片',
  noSessions: '该期间没有学习记录。',
  truncated: '仅显示最近 300 次学习，请缩小期间查看更早的记录。',
};

const en: Shape<typeof zh> = {
  title: 'Learning trace',
  intro: 'Find a learner of your region (or institution) by name, full phone number or ID number, and see every session: time, place, device, credited time, checks and face checks.',
  searchPlaceholder: 'Name / phone / ID number',
  name: 'Learner', idNumber: 'ID number', phone: 'Phone', institution: 'Institution', region: 'Region', empty: 'No learner found.', open: 'Open trace',
  back: 'Back to search',
  period: 'Period',
  classes: 'Classes',
  totals: {
    sessions: 'Sessions', credited: 'Credited time', refused: 'Refused reports', checks: 'Checks (passed/failed)', faces: 'Face checks (passed/failed)',
  },
  minutes: '{{count}} min',
  session: {
    started: 'Started', last: 'Last report', ip: 'IP', place: 'Place', device: 'Device', credited: 'Credited', heartbeats: '{{count}} heartbeats',
    end: { ended: 'Ended', superseded: 'Ended by a newer start', open: 'Not ended' },
    supersededBy: 'new device {{device}}, IP {{ip}}',
    noPlace: 'Unknown',
  },
  placeNote: 'No offline IP database is installed; places are not shown.',
  checks: 'Checks',
  checkKinds: { code: 'Code check', face: 'Face check' },
  outcome: { passed: 'Passed', failed: 'Failed', missed: 'Not answered in time', open: 'Open' },
  answer: { passed: 'passed', wrong: 'wrong', failed: 'failed', late: 'late' },
  issuedAt: 'issued {{time}}',
  refused: 'Refused reports ({{count}})',
  refusedReasons: {
    duplicate: 'Duplicate', out_of_order: 'Out of order', clock_backwards: 'Clock went backwards', bad_position: 'Impossible position', session_ended: 'Session ended', unknown: 'Other',
  },
  faceChecks: 'Face checks',
  otherFaceChecks: 'Other face checks (check-ins)',
  faceResult: { pass: 'Match', fail: 'No match', rejected: 'Unusable photo', not_enrolled: 'Not enrolled' },
  distance: 'distance {{distance}} (threshold {{threshold}})',
  showPhoto: 'Show photo',
  photoNote: 'Viewing a face photo is recorded in the audit log.',
  noPhoto: 'No photo',
  noSessions: 'No learning in this period.',
  truncated: 'Only the latest 300 sessions are shown; narrow the period to see earlier ones.',
};

export const traceMessages = {
  'zh-CN': { trace: zh, shell: { trace: '学习轨迹' } },
  en: { trace: en, shell: { trace: 'Learning trace' } },
};
