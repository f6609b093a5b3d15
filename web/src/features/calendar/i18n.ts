// Messages of the working-day calendar page, merged into the app's translation namespace under "calendar".

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const zh = {
  title: '工作日历',
  intro:
    '开班审核、机构审核等期限按工作日计算：周一至周五，减去法定节假日，加上调休上班的周六、周日。平台已内置国务院办公厅公布的节假日安排；新的年度安排公布后，请在此录入。修改会记入审计日志，并立即用于之后提交的审核期限。',
  year: '年份',
  day: '日期',
  kind: '类型',
  kinds: { holiday: '放假', workday: '调休上班' },
  name: '名称',
  source: '来源',
  operator: '运营人员录入',
  add: '添加日期',
  remove: '移除',
  save: '保存',
  saved: '已保存，之后提交的审核期限按新日历计算',
  unsaved: '有未保存的修改',
  empty: '该年度尚未录入节假日安排，期限只跳过周末。',
  summary: '放假 {{holidays}} 天，调休上班 {{workdays}} 天',
  namePlaceholder: '如：春节',
  pickDay: '选择日期',
  readOnly: '仅运营人员可以修改工作日历。',
  duplicate: '该日期已在列表中',
};

const en: Shape<typeof zh> = {
  title: 'Working-day calendar',
  intro:
    'Review deadlines (classes, institutions) count working days: Monday to Friday, less public holidays, plus the Saturdays and Sundays worked to make up for them. The platform ships the holiday arrangements published by the State Council; enter the arrangement of each new year here once it is announced. Changes are audited and apply to deadlines of submissions made afterwards.',
  year: 'Year',
  day: 'Date',
  kind: 'Kind',
  kinds: { holiday: 'Holiday', workday: 'Make-up working day' },
  name: 'Name',
  source: 'Source',
  operator: 'Entered by the operator',
  add: 'Add a date',
  remove: 'Remove',
  save: 'Save',
  saved: 'Saved: deadlines of later submissions use the new calendar',
  unsaved: 'Unsaved changes',
  empty: 'No holiday arrangement entered for this year: deadlines skip weekends only.',
  summary: '{{holidays}} holiday days, {{workdays}} make-up working days',
  namePlaceholder: 'e.g. Spring Festival',
  pickDay: 'Pick a date',
  readOnly: 'Only the operator can change the working-day calendar.',
  duplicate: 'That date is already in the list',
};

export const calendarMessages = {
  'zh-CN': { calendar: zh, shell: { calendar: '工作日历' } },
  en: { calendar: en, shell: { calendar: 'Working days' } },
};
