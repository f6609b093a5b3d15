// Messages of the dashboards (数据看板), merged into the app's translation namespace under "dashboard".

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const zh = {
  title: '数据看板',
  tabs: { region: '区域看板', platform: '平台统计' },
  scope: { nation: '全国', province: '省级', city: '市级', county: '区县级', institution: '培训机构' },
  up: '返回{{name}}',
  asOf: '数据截至 {{time}}（今日数据实时计算，汇总数据每分钟更新）',
  cards: {
    learners: '注册学员', institutions: '培训机构', activeClasses: '在训班级', activeLearnersToday: '今日学习人数', creditedHoursToday: '今日学习时长（小时）',
    sessionsToday: '今日学习次数', creditedHoursTotal: '累计学习时长（小时）', alerts: '预警', alertsOpen: '待处理 {{count}}',
  },
  trend: { title: '近 30 日趋势', activeLearners: '学习人数', creditedHours: '学习时长（小时）', sessions: '学习次数' },
  alerts: { title: '预警类型分布', empty: '暂无预警' },
  alertKinds: {
    concurrent_lessons: '多课程同时学习', group_ip: '同一 IP 集中学习', foreign_ip: '境外 IP', many_ips: '频繁更换 IP', scripted_player: '疑似刷课脚本',
    face_failures: '人脸核验多次未通过', face_mismatch: '人脸与本人不符', shared_face: '一人多账号', shared_device: '多人共用设备', cap_overrun: '超出每日学时上限',
    all_night: '深夜长时间学习', seek_ahead: '拖动进度', class_cluster: '班级集中异常',
  },
  breakdown: {
    region: '下级地区', institution: '辖区培训机构', class: '本机构班级', name: '名称', learners: '学员', institutions: '机构', activeClasses: '在训班级',
    classLearners: '在册学员', creditedHours: '近 30 日学习时长（小时）', learnerDays: '近 30 日学习人次', avgDailyActive: '日均学习人数', empty: '暂无数据', open: '查看',
  },
  occupation: { title: '按职业（工种）', empty: '暂无学习记录', creditedHours: '学习时长（小时）', learnerDays: '学习人次' },
  platform: {
    cards: {
      users: '注册用户', learners: '注册学员', institutions: '培训机构', visitsToday: '今日访问（登录）', registrationsToday: '今日注册', activeUsersToday: '今日活跃用户',
      creditedHoursToday: '今日学习时长（小时）', creditedHoursTotal: '累计学习时长（小时）',
    },
    trend: '近 30 日平台趋势', visits: '访问（登录）', registrations: '注册', activeUsers: '活跃用户', creditedHours: '学习时长（小时）',
    byProvince: '各省数据（近 30 日）', province: '省份', avgDailyActiveUsers: '日均活跃用户', note: '访问量按登录次数统计；活跃用户指当日登录或学习的用户。',
  },
  regionPicker: '选择地区',
};

const en: Shape<typeof zh> = {
  title: 'Dashboard',
  tabs: { region: 'Regions', platform: 'Platform' },
  scope: { nation: 'Nationwide', province: 'Province', city: 'City', county: 'County', institution: 'Institution' },
  up: 'Back to {{name}}',
  asOf: 'As of {{time}} (today is counted live; totals are updated every minute)',
  cards: {
    learners: 'Learners', institutions: 'Institutions', activeClasses: 'Classes running', activeLearnersToday: 'Learners today', creditedHoursToday: 'Hours today',
    sessionsToday: 'Sessions today', creditedHoursTotal: 'Hours, total', alerts: 'Alerts', alertsOpen: '{{count}} open',
  },
  trend: { title: 'Last 30 days', activeLearners: 'Learners', creditedHours: 'Hours', sessions: 'Sessions' },
  alerts: { title: 'Alerts by type', empty: 'No alerts' },
  alertKinds: {
    concurrent_lessons: 'Several lessons at once', group_ip: 'Group learning from one IP', foreign_ip: 'Foreign IP', many_ips: 'Many IP addresses', scripted_player: 'Suspected script',
    face_failures: 'Repeated face check failures', face_mismatch: 'Face not the learner', shared_face: 'One face, several accounts', shared_device: 'Shared device', cap_overrun: 'Daily cap exceeded',
    all_night: 'Learning all night', seek_ahead: 'Seeking ahead', class_cluster: 'Class-wide anomaly',
  },
  breakdown: {
    region: 'Regions below', institution: 'Institutions', class: 'Classes', name: 'Name', learners: 'Learners', institutions: 'Institutions', activeClasses: 'Classes in training',
    classLearners: 'Enrolled', creditedHours: 'Hours, last 30 days', learnerDays: 'Learner-days, last 30 days', avgDailyActive: 'Learners per day', empty: 'No data', open: 'Open',
  },
  occupation: { title: 'By occupation', empty: 'No learning yet', creditedHours: 'Hours', learnerDays: 'Learner-days' },
  platform: {
    cards: {
      users: 'Users', learners: 'Learners', institutions: 'Institutions', visitsToday: 'Visits today (sign-ins)', registrationsToday: 'Registrations today', activeUsersToday: 'Active users today',
      creditedHoursToday: 'Hours learnt today', creditedHoursTotal: 'Hours learnt in total',
    },
    trend: 'Platform, last 30 days', visits: 'Visits (sign-ins)', registrations: 'Registrations', activeUsers: 'Active users', creditedHours: 'Hours learnt',
    byProvince: 'By province (last 30 days)', province: 'Province', avgDailyActiveUsers: 'Active users per day', note: 'Visits are sign-ins; active users signed in or learnt that day.',
  },
  regionPicker: 'Choose a region',
};

export const dashboardMessages = {
  'zh-CN': { dashboard: zh, shell: { dashboard: '数据看板' } },
  en: { dashboard: en, shell: { dashboard: 'Dashboard' } },
};
