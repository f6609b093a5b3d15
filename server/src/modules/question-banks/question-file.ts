import { fileTypeFromBuffer } from 'file-type';
import { AppError, rowIssueOf, type ErrorCode, type MessageParams, type RowIssueOf } from '../../platform/errors.js';
import { isZip, zipUnpackedSize } from '../../platform/upload.js';
import { parseQuestionSheet, SheetHeaderInvalid, SheetUnreadable, writeQuestionSheet } from './excel.js';
import type { ParsedQuestion } from './formats.js';
import { parseGift, writeGift } from './gift.js';
import { MoodleXmlUnreadable, parseMoodleXml, writeMoodleXml } from './moodle-xml.js';
import {
  checkQuestion,
  normaliseQuestion,
  type QuestionContent,
  type QuestionField,
  type QuestionProblem,
} from './question.js';

// A question file as a whole: its format decided by its content (a zip is a workbook, text starting with an XML
// declaration or <quiz> is Moodle XML, other text is GIFT), read into questions, and each question checked, giving
// the row-by-row report the import answers with.

export const QUESTION_FILE_FORMATS = ['xlsx', 'moodle_xml', 'gift'] as const;
export type QuestionFileFormat = (typeof QUESTION_FILE_FORMATS)[number];

export const QUESTION_FILE_MAX_BYTES = 5 * 1024 * 1024;
export const QUESTION_FILE_MAX_QUESTIONS = 2000;
const XLSX_MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

/** One finding about one question of the file (`row`: spreadsheet row, GIFT line, or Moodle XML question number). */
export type QuestionRowIssue = RowIssueOf<QuestionField>;
export const questionIssue: typeof rowIssueOf<QuestionField> = rowIssueOf;

export type CheckedFile = {
  format: QuestionFileFormat;
  rows: { row: number; content: QuestionContent | null }[];
  issues: QuestionRowIssue[];
};

export function fileTooLarge(): AppError {
  return new AppError('QUESTION_FILE_TOO_LARGE', {
    params: { limitMb: QUESTION_FILE_MAX_BYTES / (1024 * 1024) },
    details: { maxBytes: QUESTION_FILE_MAX_BYTES },
  });
}

export async function readQuestionFile(
  bytes: Buffer,
): Promise<{ format: QuestionFileFormat; parsed: ParsedQuestion[] }> {
  if (bytes.length === 0) throw new AppError('QUESTION_FILE_EMPTY');
  if (bytes.length > QUESTION_FILE_MAX_BYTES) throw fileTooLarge();
  let format: QuestionFileFormat;
  let parsed: ParsedQuestion[];
  if (isZip(bytes)) {
    if (zipUnpackedSize(bytes) > XLSX_MAX_UNPACKED_BYTES) throw unreadable('unpacked_size');
    format = 'xlsx';
    try {
      parsed = await parseQuestionSheet(bytes);
    } catch (error) {
      if (error instanceof SheetHeaderInvalid)
        throw new AppError('QUESTION_FILE_HEADER_INVALID', {
          params: { missing: error.missing.join(', ') },
          details: { missing: error.missing },
        });
      if (error instanceof SheetUnreadable) throw unreadable(error.message);
      throw error;
    }
  } else {
    const detected = await fileTypeFromBuffer(bytes.subarray(0, 4100));
    if (detected && detected.ext !== 'xml')
      throw new AppError('QUESTION_FILE_TYPE_NOT_ALLOWED', { details: { detected: detected.ext } });
    const text = decodeUtf8(bytes);
    if (text === null) throw new AppError('QUESTION_FILE_TYPE_NOT_ALLOWED', { details: { detected: 'binary' } });
    if (/^\s*(<\?xml|<quiz)/.test(text)) {
      format = 'moodle_xml';
      try {
        parsed = parseMoodleXml(text);
      } catch (error) {
        if (error instanceof MoodleXmlUnreadable) throw unreadable(error.message);
        throw error;
      }
    } else {
      format = 'gift';
      parsed = parseGift(text);
    }
  }
  if (parsed.length === 0) throw new AppError('QUESTION_FILE_EMPTY');
  if (parsed.length > QUESTION_FILE_MAX_QUESTIONS)
    throw new AppError('QUESTION_FILE_TOO_MANY', {
      params: { max: QUESTION_FILE_MAX_QUESTIONS, rows: parsed.length },
      details: { max: QUESTION_FILE_MAX_QUESTIONS, rows: parsed.length },
    });
  return { format, parsed };
}

function unreadable(reason: string): AppError {
  return new AppError('QUESTION_FILE_UNREADABLE', { details: { reason } });
}

/** UTF-8 with or without BOM; null for anything else (binary, or another encoding). */
function decodeUtf8(bytes: Buffer): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // eslint-disable-next-line no-control-regex -- text files have no control characters but tabs and line breaks
    return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? null : text;
  } catch {
    return null;
  }
}

/** What each reason of `checkQuestion` says, in both languages. */
const REASONS: Record<string, { zh: string; en: string }> = {
  required: { zh: '不能为空', en: 'must not be empty' },
  too_long: { zh: '过长', en: 'is too long' },
  range: { zh: '须为 1 至 5 的整数', en: 'must be a whole number from 1 to 5' },
  unknown: { zh: '不在本题库职业等级标准的知识模块中', en: "is not a knowledge module of the bank's skill standard" },
  too_few: { zh: '至少需要 2 个选项', en: 'needs at least 2 options' },
  too_many: { zh: '数量过多', en: 'has too many entries' },
  keys: { zh: '选项须从 A 起连续编号', en: 'must be lettered from A with no gap' },
  empty: { zh: '选项内容不能为空', en: 'an option is empty' },
  duplicate: { zh: '选项内容重复', en: 'two options are the same' },
  not_an_option: { zh: '答案须为已有选项的字母', en: 'must be letters of the options' },
  one_for_single: { zh: '单选题只能有一个正确答案', en: 'a single-choice question has exactly one correct option' },
  true_or_false: { zh: '判断题答案须为“对”或“错”', en: 'must be true or false' },
  separator: { zh: '填空答案中不能包含“|”', en: 'an accepted answer may not contain "|"' },
  one_reference: { zh: '简答题只有一个参考答案', en: 'a short answer has one reference answer' },
  not_for_type: { zh: '此题型没有选项', en: 'this type has no options' },
};
const FIELD_NAMES: Record<QuestionField, { zh: string; en: string }> = {
  type: { zh: '题型', en: 'Type' },
  stem: { zh: '题干', en: 'Stem' },
  options: { zh: '选项', en: 'Options' },
  answer: { zh: '答案', en: 'Answer' },
  explanation: { zh: '解析', en: 'Explanation' },
  difficulty: { zh: '难度', en: 'Difficulty' },
  moduleCode: { zh: '知识模块', en: 'Module' },
};

/** The field and reason of a problem, in both languages, for the QUESTION_INVALID message. */
export function problemParams(problem: QuestionProblem): MessageParams {
  const reason = REASONS[problem.reason] ?? { zh: problem.reason, en: problem.reason };
  const field = FIELD_NAMES[problem.field];
  return { field: { 'zh-CN': field.zh, en: field.en }, reason: { 'zh-CN': reason.zh, en: reason.en } };
}

/** Each question read and checked against the bank's modules; duplicates of a stem within the file are reported. */
export function checkFile(
  file: { format: QuestionFileFormat; parsed: ParsedQuestion[] },
  modules: readonly string[],
): CheckedFile {
  const issues: QuestionRowIssue[] = [];
  const firstRowByStem = new Map<string, number>();
  const rows = file.parsed.map((p) => {
    if ('error' in p) {
      const code: ErrorCode =
        p.error.reason === 'unsupported_type'
          ? 'QUESTION_ROW_TYPE_UNSUPPORTED'
          : p.error.reason === 'metadata'
            ? 'QUESTION_ROW_METADATA_INVALID'
            : 'QUESTION_ROW_MALFORMED';
      issues.push(
        questionIssue(p.row, p.error.field, code, {
          params: { detail: p.error.detail ?? '' },
          details: p.error.detail ? { detail: p.error.detail } : undefined,
        }),
      );
      return { row: p.row, content: null };
    }
    const content = normaliseQuestion(p.content);
    const problems = checkQuestion(content, modules);
    for (const problem of problems) {
      const reason = REASONS[problem.reason] ?? { zh: problem.reason, en: problem.reason };
      const field = FIELD_NAMES[problem.field];
      issues.push(
        questionIssue(p.row, problem.field, 'QUESTION_INVALID', {
          params: { field: { 'zh-CN': field.zh, en: field.en }, reason: { 'zh-CN': reason.zh, en: reason.en } },
          details: { reason: problem.reason },
        }),
      );
    }
    const key = `${content.type}\u0000${content.stem}`;
    const first = firstRowByStem.get(key);
    if (problems.length === 0 && first !== undefined) {
      issues.push(
        questionIssue(p.row, 'stem', 'QUESTION_ROW_DUPLICATE', {
          params: { firstRow: first },
          details: { firstRow: first },
        }),
      );
      return { row: p.row, content: null };
    }
    if (problems.length === 0) firstRowByStem.set(key, p.row);
    return { row: p.row, content: problems.length === 0 ? content : null };
  });
  return { format: file.format, rows, issues: issues.sort((a, b) => a.row - b.row) };
}

export async function writeQuestionFile(
  format: QuestionFileFormat,
  questions: readonly QuestionContent[],
  bank: { name: string; modules: readonly string[] },
): Promise<Buffer> {
  switch (format) {
    case 'xlsx':
      return writeQuestionSheet(questions, bank.modules);
    case 'moodle_xml':
      return Buffer.from(writeMoodleXml(questions, bank.name), 'utf8');
    case 'gift':
      return Buffer.from(writeGift(questions, bank.name), 'utf8');
  }
}
