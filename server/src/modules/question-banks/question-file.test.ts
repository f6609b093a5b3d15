import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkFile, readQuestionFile, writeQuestionFile, type QuestionFileFormat } from './question-file.js';
import { OPTION_KEYS, type QuestionContent } from './question.js';

const MODULES = ['职业道德', '安全用电', 'Basics: {A} = B'];
const bank = { name: '电工（四级）题库', modules: MODULES };

const SAMPLE: QuestionContent[] = [
  {
    type: 'single',
    stem: '我国居民生活用电的额定电压是（ ）。',
    options: [
      { key: 'A', text: '110V' },
      { key: 'B', text: '220V' },
      { key: 'C', text: '380V' },
    ],
    answer: ['B'],
    explanation: '民用电为 220V 交流电。',
    difficulty: 1,
    moduleCode: '安全用电',
  },
  {
    type: 'multiple',
    stem: 'Which are conductors? {braces} ~tilde =equals #hash: colon \\ backslash\nand a second line',
    options: [
      { key: 'A', text: 'copper = Cu' },
      { key: 'B', text: 'glass ~ silica' },
      { key: 'C', text: 'aluminium # Al' },
      { key: 'D', text: 'rubber {poly}' },
    ],
    answer: ['A', 'C'],
    explanation: 'Metals conduct: <b>not HTML</b> & "quotes"',
    difficulty: 4,
    moduleCode: 'Basics: {A} = B',
  },
  {
    type: 'true_false',
    stem: '电工作业可以单人带电操作。',
    options: [],
    answer: ['false'],
    explanation: '',
    difficulty: 2,
    moduleCode: null,
  },
  {
    type: 'fill_blank',
    stem: '安全电压一般不超过____伏。',
    options: [],
    answer: ['36', '三十六'],
    explanation: '',
    difficulty: 3,
    moduleCode: '安全用电',
  },
  {
    type: 'short_answer',
    stem: '简述触电急救的步骤。',
    options: [],
    answer: ['先切断电源，再进行心肺复苏。'],
    explanation: '评分要点：断电、呼救、复苏。',
    difficulty: 5,
    moduleCode: '职业道德',
  },
  {
    type: 'short_answer',
    stem: '谈谈职业道德。',
    options: [],
    answer: [],
    explanation: '',
    difficulty: 3,
    moduleCode: null,
  },
];

async function roundTrip(format: QuestionFileFormat, questions: QuestionContent[]) {
  const bytes = await writeQuestionFile(format, questions, bank);
  const file = await readQuestionFile(bytes);
  expect(file.format).toBe(format);
  return checkFile(file, MODULES);
}

describe.each(['xlsx', 'moodle_xml', 'gift'] as const)('%s', (format) => {
  it('a round trip loses nothing: export, import, the same questions', async () => {
    const checked = await roundTrip(format, SAMPLE);
    expect(checked.issues).toEqual([]);
    expect(checked.rows.map((r) => r.content)).toEqual(SAMPLE);
  });
});

// Texts that stress the escapes of each format: GIFT's special characters, XML's, spreadsheet formulas.
const textArb = fc
  .array(
    fc.constantFrom(
      'a',
      'Z',
      '电',
      ' ',
      '~',
      '=',
      '#',
      '{',
      '}',
      ':',
      '\\',
      '<',
      '>',
      '&',
      '"',
      "'",
      '%',
      '\n',
      '->',
      '//',
      '____',
      '＝',
    ),
    {
      minLength: 1,
      maxLength: 12,
    },
  )
  .map((parts) => parts.join('').trim().replace(/\n+/g, '\n'))
  .filter((t) => t !== '' && !t.startsWith('='));
const questionArb: fc.Arbitrary<QuestionContent> = fc.oneof(
  fc
    .record({
      stem: textArb,
      options: fc.uniqueArray(textArb, { minLength: 2, maxLength: 6 }),
      pick: fc.nat(),
      multi: fc.boolean(),
      explanation: fc.oneof(fc.constant(''), textArb),
      difficulty: fc.integer({ min: 1, max: 5 }),
      moduleCode: fc.constantFrom(null, ...MODULES),
    })
    .map(({ options, pick, multi, ...rest }) => {
      const opts = options.map((text, i) => ({ key: OPTION_KEYS[i], text }));
      const answer = multi
        ? opts.filter((_, i) => ((pick >> i) & 1) === 1 || i === pick % opts.length).map((o) => o.key)
        : [opts[pick % opts.length].key];
      return { ...rest, type: multi ? ('multiple' as const) : ('single' as const), options: opts, answer };
    }),
  fc
    .record({
      stem: textArb,
      accepted: fc.uniqueArray(
        textArb.filter((t) => !t.includes('|')),
        { minLength: 1, maxLength: 3 },
      ),
      explanation: fc.oneof(fc.constant(''), textArb),
      difficulty: fc.integer({ min: 1, max: 5 }),
    })
    .map(({ accepted, ...rest }) => ({
      ...rest,
      type: 'fill_blank' as const,
      options: [],
      answer: accepted,
      moduleCode: null,
    })),
);

it('any question survives a round trip through every format', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(questionArb, { minLength: 1, maxLength: 4 }), async (questions) => {
      const distinct = questions.filter(
        (q, i) => questions.findIndex((o) => o.stem === q.stem && o.type === q.type) === i,
      );
      for (const format of ['gift', 'moodle_xml', 'xlsx'] as const) {
        const checked = await roundTrip(format, distinct);
        expect(checked.issues, format).toEqual([]);
        expect(
          checked.rows.map((r) => r.content),
          format,
        ).toEqual(distinct);
      }
    }),
    { numRuns: 40 },
  );
});

describe('bad rows are reported row by row', () => {
  it('GIFT: unsupported types, a wrong answer block, bad metadata; the good questions still read', async () => {
    const gift = [
      '// a comment line',
      '$CATEGORY: $course$/top/电工',
      '',
      '::Q1:: 1 + 1 = ? {=2 ~3 ~4}',
      '',
      '::Q2:: Match {=a -> 1 =b -> 2}',
      '',
      'How many? {#5:1}',
      '',
      '// @yunxue {not json',
      'Stem {T}',
      '',
      'No block at all',
      '',
      'Pick two {~%50%x ~%50%y ~%-100%z}',
      '',
      'Blank in the {=middle} of the stem',
      '',
      'Essay {',
      '####general feedback',
      '}',
      '',
      'Two right and wrong {=a =b ~c}',
    ].join('\n');
    const checked = checkFile(await readQuestionFile(Buffer.from(gift)), MODULES);
    expect(checked.issues.map((i) => [i.row, i.code])).toEqual([
      [6, 'QUESTION_ROW_TYPE_UNSUPPORTED'],
      [8, 'QUESTION_ROW_TYPE_UNSUPPORTED'],
      [10, 'QUESTION_ROW_METADATA_INVALID'],
      [13, 'QUESTION_ROW_MALFORMED'],
      [23, 'QUESTION_ROW_MALFORMED'],
    ]);
    const good = checked.rows.flatMap((r) => (r.content ? [r.content] : []));
    expect(good.map((q) => [q.type, q.stem, q.answer])).toEqual([
      ['single', '1 + 1 = ?', ['A']],
      ['multiple', 'Pick two', ['A', 'B']],
      ['fill_blank', 'Blank in the____of the stem', ['middle']],
      ['short_answer', 'Essay', []],
    ]);
    expect(good[3].explanation).toBe('general feedback');
    expect(checked.issues[0].messages['zh-CN']).toContain('不支持的题型');
  });

  it('Moodle XML: HTML text read as plain text, unsupported types and missing answers reported', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Default</text></category></question>
  <question type="multichoice">
    <questiontext format="html"><text><![CDATA[<p>Which is <b>safe</b>?</p>]]></text></questiontext>
    <single>true</single>
    <answer fraction="100"><text>36V</text></answer>
    <answer fraction="0"><text>220V</text></answer>
  </question>
  <question type="matching"><questiontext><text>match</text></questiontext></question>
  <question type="multichoice">
    <questiontext format="plain_text"><text>None right</text></questiontext>
    <answer fraction="0"><text>x</text></answer>
    <answer fraction="0"><text>y</text></answer>
  </question>
  <question type="truefalse">
    <questiontext format="plain_text"><text>Sky is blue</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
    <tags><tag><text>yunxue-difficulty:9</text></tag><tag><text>yunxue-module:不存在</text></tag></tags>
  </question>
</quiz>`;
    const checked = checkFile(await readQuestionFile(Buffer.from(xml)), MODULES);
    expect(checked.issues.map((i) => [i.row, i.code, i.field])).toEqual([
      [2, 'QUESTION_ROW_TYPE_UNSUPPORTED', 'type'],
      [3, 'QUESTION_INVALID', 'answer'],
      [4, 'QUESTION_INVALID', 'difficulty'],
      [4, 'QUESTION_INVALID', 'moduleCode'],
    ]);
    expect(checked.rows[0].content).toMatchObject({ type: 'single', stem: 'Which is safe?', answer: ['A'] });
    expect(checked.issues[2].messages['zh-CN']).toBe('难度须为 1 至 5 的整数');
  });

  it('Moodle XML with a document type declaration is refused (no entity expansion)', async () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaa">]><quiz></quiz>';
    await expect(readQuestionFile(Buffer.from(xml))).rejects.toMatchObject({ code: 'QUESTION_FILE_UNREADABLE' });
  });

  it('Excel: each bad row named with its field; duplicates name the first row', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('题目');
    sheet.addRow(['题型', '题干', '选项A', '选项B', '选项C', '答案', '难度', '知识模块']);
    sheet.addRow(['单选题', '好题', '甲', '乙', '', 'B', 2, '安全用电']); // row 2: good
    sheet.addRow(['单选题', '答案不在选项中', '甲', '乙', '', 'D', '', '']); // 3
    sheet.addRow(['多选', '选项有空缺', '甲', '', '丙', 'AC', '', '']); // 4
    sheet.addRow(['判断', '判断题答案', '', '', '', '也许', '', '']); // 5
    sheet.addRow(['连线题', '不支持', '', '', '', 'A', '', '']); // 6
    sheet.addRow(['单选题', '好题', '甲', '乙', '', 'B', 2, '安全用电']); // 7: duplicate of 2
    sheet.addRow(['填空题', '', '', '', '', '36', 'hard', '']); // 8
    sheet.addRow(['判断题', '对的', '', '', '', '√', '', '']); // 9: good
    const checked = checkFile(await readQuestionFile(Buffer.from(await workbook.xlsx.writeBuffer())), MODULES);
    expect(checked.issues.map((i) => [i.row, i.code, i.field, i.details?.reason ?? i.details?.firstRow])).toEqual([
      [3, 'QUESTION_INVALID', 'answer', 'not_an_option'],
      [4, 'QUESTION_INVALID', 'options', 'empty'],
      [5, 'QUESTION_INVALID', 'answer', 'true_or_false'],
      [6, 'QUESTION_ROW_TYPE_UNSUPPORTED', 'type', undefined],
      [7, 'QUESTION_ROW_DUPLICATE', 'stem', 2],
      [8, 'QUESTION_INVALID', 'stem', 'required'],
      [8, 'QUESTION_INVALID', 'difficulty', 'range'],
    ]);
    expect(checked.rows.filter((r) => r.content).map((r) => r.row)).toEqual([2, 9]);
  });

  it('Excel: a sheet without the header is refused, naming what is missing', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('x').addRow(['姓名', '手机号']);
    await expect(readQuestionFile(Buffer.from(await workbook.xlsx.writeBuffer()))).rejects.toMatchObject({
      code: 'QUESTION_FILE_HEADER_INVALID',
      options: { details: { missing: ['type', 'stem', 'answer'] } },
    });
  });

  it('the template is a workbook with the header and no questions', async () => {
    const template = await writeQuestionFile('xlsx', [], bank);
    await expect(readQuestionFile(template)).rejects.toMatchObject({ code: 'QUESTION_FILE_EMPTY' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets[0].getRow(1).getCell(1).value).toBe('题型 Type');
  });

  it('binary and other files are refused by content', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    await expect(readQuestionFile(png)).rejects.toMatchObject({ code: 'QUESTION_FILE_TYPE_NOT_ALLOWED' });
    await expect(readQuestionFile(Buffer.alloc(0))).rejects.toMatchObject({ code: 'QUESTION_FILE_EMPTY' });
    await expect(readQuestionFile(Buffer.from([0xc3, 0x28, 0x41]))).rejects.toMatchObject({
      code: 'QUESTION_FILE_TYPE_NOT_ALLOWED',
    });
  });
});
