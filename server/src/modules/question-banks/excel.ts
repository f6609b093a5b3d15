import ExcelJS from 'exceljs';
import { DEFAULT_DIFFICULTY, type ParsedQuestion } from './formats.js';
import { ACCEPTED_SEPARATOR, OPTION_KEYS, type QuestionContent, type QuestionType } from './question.js';

// The spreadsheet Chinese teachers fill in: one question per row under a header in Chinese and English. The header
// is recognised by its wording (either language, any order), so a teacher's own columns do not disturb it.

type Column = 'type' | 'stem' | 'answer' | 'explanation' | 'difficulty' | 'module' | `option${string}`;
const COLUMNS: { key: Column; header: string; width: number }[] = [
  { key: 'type', header: '题型 Type', width: 12 },
  { key: 'stem', header: '题干 Stem', width: 48 },
  ...OPTION_KEYS.map((k) => ({ key: `option${k}` as Column, header: `选项${k} Option ${k}`, width: 20 })),
  { key: 'answer', header: '答案 Answer', width: 16 },
  { key: 'explanation', header: '解析 Explanation', width: 36 },
  { key: 'difficulty', header: '难度 Difficulty', width: 10 },
  { key: 'module', header: '知识模块 Module', width: 18 },
];

const TYPE_LABELS: Record<QuestionType, string> = {
  single: '单选题',
  multiple: '多选题',
  true_false: '判断题',
  fill_blank: '填空题',
  short_answer: '简答题',
};

function typeOf(text: string): QuestionType | null {
  const t = text
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  if (/^单选(题)?$|^single(choice)?$/.test(t)) return 'single';
  if (/^多选(题)?$|^multiple(choice)?$/.test(t)) return 'multiple';
  if (/^判断(题)?$|^truefalse$|^tf$/.test(t)) return 'true_false';
  if (/^填空(题)?$|^fill(blank|intheblank)?$/.test(t)) return 'fill_blank';
  if (/^(简答|问答)(题)?$|^shortanswer$|^essay$/.test(t)) return 'short_answer';
  return null;
}

function columnOf(header: string): Column | null {
  const h = header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s*:()_-]/g, '');
  const option = /^选项([a-h])|^option([a-h])/.exec(h);
  if (option) return `option${(option[1] ?? option[2]).toUpperCase()}`;
  if (/^题型|^type/.test(h)) return 'type';
  if (/^题干|^题目|^stem|^question/.test(h)) return 'stem';
  if (/^答案|^answer/.test(h)) return 'answer';
  if (/^解析|^explanation/.test(h)) return 'explanation';
  if (/^难度|^difficulty/.test(h)) return 'difficulty';
  if (/^知识模块|^模块|^module/.test(h)) return 'module';
  return null;
}

const TRUE_WORDS = ['对', '正确', '√', '✓', '是', 't', 'true', 'y', 'yes'];
const FALSE_WORDS = ['错', '错误', '×', '✗', '否', 'f', 'false', 'n', 'no'];

function answerOf(type: QuestionType, text: string): string[] {
  const t = text.normalize('NFKC').trim();
  if (t === '') return [];
  switch (type) {
    case 'single':
    case 'multiple':
      return t
        .toUpperCase()
        .replace(/[\s,;、]/g, '')
        .split('');
    case 'true_false': {
      const w = t.toLowerCase();
      return [TRUE_WORDS.includes(w) ? 'true' : FALSE_WORDS.includes(w) ? 'false' : w];
    }
    case 'fill_blank':
      // Kept as typed (grading folds widths and case), so an export gives back the same text.
      return text.split(ACCEPTED_SEPARATOR).map((a) => a.trim());
    case 'short_answer':
      return [text.trim()];
  }
}

export class SheetUnreadable extends Error {}
export class SheetHeaderInvalid extends Error {
  constructor(readonly missing: Column[]) {
    super('header');
  }
}

export async function parseQuestionSheet(bytes: Buffer): Promise<ParsedQuestion[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw new SheetUnreadable('xlsx');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SheetUnreadable('no_sheet');
  const rows: { row: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    rows.push({
      row: rowNumber,
      cells: Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1])),
    });
  });
  const nonEmpty = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const header = nonEmpty[0];
  if (!header) return [];
  const columns = new Map<Column, number>();
  header.cells.forEach((c, i) => {
    const col = columnOf(c);
    if (col && !columns.has(col)) columns.set(col, i);
  });
  const missing = (['type', 'stem', 'answer'] as Column[]).filter((c) => !columns.has(c));
  if (missing.length > 0) throw new SheetHeaderInvalid(missing);
  return nonEmpty.slice(1).map((r): ParsedQuestion => {
    const get = (c: Column) => {
      const i = columns.get(c);
      return i === undefined ? '' : (r.cells[i] ?? '');
    };
    const type = typeOf(get('type'));
    if (!type) return { row: r.row, error: { field: 'type', reason: 'unsupported_type', detail: get('type') } };
    const choice = type === 'single' || type === 'multiple';
    // Options up to the last one filled in; a gap before it is kept as an empty option, which the checks refuse.
    const texts = OPTION_KEYS.map((k) => get(`option${k}`).trim());
    const last = texts.reduce((at, t, i) => (t !== '' ? i : at), -1);
    const options = choice ? texts.slice(0, last + 1).map((text, i) => ({ key: OPTION_KEYS[i], text })) : [];
    const difficultyText = get('difficulty').normalize('NFKC').trim();
    return {
      row: r.row,
      content: {
        type,
        stem: get('stem'),
        options,
        answer: answerOf(type, get('answer')),
        explanation: get('explanation'),
        difficulty: difficultyText === '' ? DEFAULT_DIFFICULTY : Number(difficultyText),
        moduleCode: get('module').trim() || null,
      },
    };
  });
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result);
  if ('hyperlink' in value) return cellText(value.text);
  return '';
}

// ---- writing -----------------------------------------------------------------------------------------------------

function answerText(q: QuestionContent): string {
  switch (q.type) {
    case 'single':
    case 'multiple':
      return q.answer.join('');
    case 'true_false':
      return q.answer[0] === 'true' ? '对' : '错';
    case 'fill_blank':
      return q.answer.join(ACCEPTED_SEPARATOR);
    case 'short_answer':
      return q.answer[0] ?? '';
  }
}

const RULES: [string, string][] = [
  ['每行一道题，第 1 行为表头，请勿修改表头。', 'One question per row. Row 1 is the header; do not change it.'],
  [
    '题型：单选题、多选题、判断题、填空题、简答题（简答题由教师人工评分）。',
    'Type: 单选题 single choice, 多选题 multiple choice, 判断题 true/false, 填空题 fill in the blank, 简答题 short answer (graded by a teacher).',
  ],
  [
    '选项：单选题、多选题填写选项A起的 2 至 8 个选项，中间不留空。',
    'Options: 2 to 8 options from Option A on, with no gap, for choice questions.',
  ],
  [
    '答案：单选题填一个字母（如 B）；多选题填全部正确字母（如 ABD）；判断题填“对”或“错”；填空题填可接受的答案，多个用 | 分隔（如 220V|220伏）；简答题填参考答案。',
    'Answer: one letter for single choice (B); every correct letter for multiple choice (ABD); 对 (true) or 错 (false); the accepted answers of a blank separated by | (220V|220伏); the reference answer of a short answer.',
  ],
  ['填空题的空位在题干中写作 ____（四个下划线）。', 'Write the blank in the stem as ____ (four underscores).'],
  ['难度：1（最易）至 5（最难），不填为 3。', 'Difficulty: 1 (easiest) to 5 (hardest); 3 when empty.'],
  [
    '知识模块：须为本题库职业等级标准中的模块名称，可不填。',
    "Module: one of the knowledge modules of the bank's skill standard, or empty.",
  ],
  [
    '导入前系统会逐行检查；有错误的行不会导入，您可以修改后重新上传，或选择仅导入无误的行。',
    'Every row is checked before importing. Rows with errors are never imported: fix them and upload again, or choose to import only the valid rows.',
  ],
];

const EXAMPLES: QuestionContent[] = [
  {
    type: 'single',
    stem: '我国居民生活用电的额定电压是（ ）。',
    options: [
      { key: 'A', text: '110V' },
      { key: 'B', text: '220V' },
      { key: 'C', text: '380V' },
    ],
    answer: ['B'],
    explanation: '',
    difficulty: 1,
    moduleCode: null,
  },
  {
    type: 'fill_blank',
    stem: '安全电压一般不超过____伏。',
    options: [],
    answer: ['36', '三十六'],
    explanation: '',
    difficulty: 2,
    moduleCode: null,
  },
];

/** The questions as a workbook in the import layout (an empty list is the template); modules listed in the rules. */
export async function writeQuestionSheet(
  questions: readonly QuestionContent[],
  modules: readonly string[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '云学 Yunxue';
  const sheet = workbook.addWorksheet('题目 Questions', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ ...c, style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  for (const q of questions) sheet.addRow(rowOf(q));
  const rules = workbook.addWorksheet('说明 Instructions');
  rules.columns = [
    { header: '规则', key: 'zh', width: 70 },
    { header: 'Rules', key: 'en', width: 90 },
  ];
  rules.getRow(1).font = { bold: true };
  for (const [zh, en] of RULES) rules.addRow({ zh, en }).alignment = { wrapText: true, vertical: 'top' };
  rules.addRow({
    zh: `本题库的知识模块：${modules.join('、') || '（无）'}`,
    en: `Modules of this bank: ${modules.join(', ') || '(none)'}`,
  });
  rules.addRow({});
  rules.addRow({ zh: '示例（请在“题目”表中按此填写）', en: 'Examples (fill in the Questions sheet like this)' }).font =
    { bold: true };
  const header = rules.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  for (const q of EXAMPLES) rules.addRow(COLUMNS.map((c) => rowOf(q)[c.key] ?? ''));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function rowOf(q: QuestionContent): Record<string, string | number> {
  const row: Record<string, string | number> = {
    type: TYPE_LABELS[q.type],
    stem: q.stem,
    answer: answerText(q),
    explanation: q.explanation,
    difficulty: q.difficulty,
    module: q.moduleCode ?? '',
  };
  for (const o of q.options) row[`option${o.key}`] = o.text;
  return row;
}
