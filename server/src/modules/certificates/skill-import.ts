import ExcelJS from 'exceljs';
import { AppError, rowIssueOf, type RowIssueOf } from '../../platform/errors.js';
import { isZip, readUpload, zipUnpackedSize } from '../../platform/upload.js';
import { idNumberReasonParams, validateName, validateResidentId } from '../identity/index.js';
import { validateSkillNumber, type SkillNumberParts } from './skill-number.js';

// Skill-level certificates from an evaluation organisation's workbook (.xlsx): reading the rows and the checks on
// each row that need no database, reported row by row like the roster import (enrolment-import.ts).

export const SKILL_FILE_MAX_ROWS = 5000;
const XLSX_MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

export type SkillField = 'number' | 'name' | 'idNumber' | 'occupationCode' | 'organisation' | 'issuedOn';
export const SKILL_FIELDS: readonly SkillField[] = [
  'number',
  'name',
  'idNumber',
  'occupationCode',
  'organisation',
  'issuedOn',
];
export const SKILL_HEADERS: Record<SkillField, { zh: string; en: string }> = {
  number: { zh: '证书编号', en: 'Certificate number' },
  name: { zh: '姓名', en: 'Name' },
  idNumber: { zh: '身份证号', en: 'Resident ID' },
  occupationCode: { zh: '职业编码', en: 'Occupation code' },
  organisation: { zh: '评价机构', en: 'Evaluation organisation' },
  issuedOn: { zh: '发证日期', en: 'Issue date' },
};

export type SkillRowIssue = RowIssueOf<SkillField>;
export const skillIssue: typeof rowIssueOf<SkillField> = rowIssueOf;

export type SkillInput = {
  number: string;
  name: string;
  idNumber: string;
  occupationCode: string;
  organisation: string;
  issuedOn: string;
};

/** A row (or an API record) checked: the normalised values, or its issues. */
export type CheckedSkillRow =
  | {
      ok: true;
      row: number;
      value: SkillInput & { parts: SkillNumberParts; idNormalized: string; idMasked: string };
    }
  | { ok: false; row: number; issues: SkillRowIssue[] };

function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** The checks of one certificate that need no database. */
export function checkSkillRow(
  row: number,
  input: SkillInput,
  today: Date,
  maskId: (id: string) => string,
): CheckedSkillRow {
  const issues: SkillRowIssue[] = [];
  const number = input.number.replace(/\s+/g, '').toUpperCase();
  for (const field of SKILL_FIELDS)
    if (!input[field].trim()) issues.push(skillIssue(row, field, 'ENROLMENT_ROW_REQUIRED'));
  const checked = number ? validateSkillNumber(number) : null;
  if (checked && !checked.ok)
    issues.push(
      skillIssue(row, 'number', 'SKILL_CERTIFICATE_NUMBER_INVALID', {
        params: { problem: checked.problem },
        details: { problem: checked.problem },
      }),
    );
  const name = input.name.trim() ? validateName(input.name) : '';
  if (name === null) issues.push(skillIssue(row, 'name', 'IDENTITY_NAME_INVALID'));
  const id = input.idNumber.trim() ? validateResidentId(input.idNumber, today) : null;
  if (id && !id.ok)
    issues.push(
      skillIssue(row, 'idNumber', 'IDENTITY_ID_NUMBER_INVALID', {
        params: idNumberReasonParams(id.reason),
        details: { reason: id.reason },
      }),
    );
  const occupationCode = input.occupationCode.trim();
  if (occupationCode && !/^[1-8]-\d{2}-\d{2}-\d{2}$/.test(occupationCode))
    issues.push(
      skillIssue(row, 'occupationCode', 'SKILL_CERTIFICATE_OCCUPATION_UNKNOWN', { params: { code: occupationCode } }),
    );
  const organisation = input.organisation.trim();
  if (organisation.length > 100) issues.push(skillIssue(row, 'organisation', 'VALIDATION_FAILED'));
  const issuedOn = input.issuedOn.trim();
  if (issuedOn && !isRealDate(issuedOn)) issues.push(skillIssue(row, 'issuedOn', 'SKILL_CERTIFICATE_ROW_DATE_INVALID'));
  if (issues.length > 0 || !checked?.ok || !id?.ok || !name) return { ok: false, row, issues };
  return {
    ok: true,
    row,
    value: {
      number,
      name,
      idNumber: id.value.normalized,
      occupationCode,
      organisation,
      issuedOn,
      parts: checked.parts,
      idNormalized: id.value.normalized,
      idMasked: maskId(id.value.normalized),
    },
  };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value)
    return value.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result);
  if ('hyperlink' in value) return cellText(value.text);
  return '';
}

/** A skill-certificate workbook is small: 2 MB holds tens of thousands of rows. */
export const SKILL_FILE_MAX_BYTES = 2 * 1024 * 1024;

/** Reads an upload into memory up to the workbook size limit. */
export function readSkillUpload(body: NodeJS.ReadableStream | null, declaredBytes?: number): Promise<Buffer> {
  return readUpload(
    body,
    declaredBytes,
    SKILL_FILE_MAX_BYTES,
    () =>
      new AppError('SKILL_CERTIFICATE_FILE_TOO_LARGE', {
        params: { limitMb: SKILL_FILE_MAX_BYTES / (1024 * 1024) },
        details: { maxBytes: SKILL_FILE_MAX_BYTES },
      }),
  );
}

/** Reads the first sheet: row 1 is the header (columns found by their Chinese or English titles). */
export async function readSkillWorkbook(bytes: Buffer): Promise<{ row: number; input: SkillInput }[]> {
  if (bytes.length === 0) throw new AppError('SKILL_CERTIFICATE_FILE_EMPTY');
  if (!isZip(bytes))
    throw new AppError('SKILL_CERTIFICATE_FILE_TYPE_NOT_ALLOWED', { details: { detected: 'not-xlsx' } });
  if (zipUnpackedSize(bytes) > XLSX_MAX_UNPACKED_BYTES)
    throw new AppError('SKILL_CERTIFICATE_FILE_UNREADABLE', { details: { reason: 'unpacked_size' } });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError('SKILL_CERTIFICATE_FILE_UNREADABLE');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('SKILL_CERTIFICATE_FILE_UNREADABLE', { details: { reason: 'no_sheet' } });
  // `values` is 1-based and sparse: Array.from visits the holes too.
  const header = Array.from(sheet.getRow(1).values as ExcelJS.CellValue[], cellText);
  const columns = {} as Record<SkillField, number>;
  const missing: string[] = [];
  for (const field of SKILL_FIELDS) {
    const { zh, en } = SKILL_HEADERS[field];
    const at = header.findIndex((h) => h === zh || h.toLowerCase() === en.toLowerCase());
    if (at < 0) missing.push(zh);
    else columns[field] = at;
  }
  if (missing.length > 0)
    throw new AppError('SKILL_CERTIFICATE_FILE_HEADER_INVALID', {
      params: { missing: missing.join('、') },
      details: { missing },
    });
  const rows: { row: number; input: SkillInput }[] = [];
  sheet.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    if (rowNumber === 1) return;
    const values = r.values as ExcelJS.CellValue[];
    const input = Object.fromEntries(SKILL_FIELDS.map((f) => [f, cellText(values[columns[f]])])) as SkillInput;
    if (SKILL_FIELDS.every((f) => !input[f])) return;
    rows.push({ row: rowNumber, input });
  });
  if (rows.length === 0) throw new AppError('SKILL_CERTIFICATE_FILE_EMPTY');
  if (rows.length > SKILL_FILE_MAX_ROWS)
    throw new AppError('SKILL_CERTIFICATE_FILE_TOO_MANY_ROWS', {
      params: { max: SKILL_FILE_MAX_ROWS, rows: rows.length },
    });
  return rows;
}

/** A workbook in the import's layout (the template, and test files). */
export async function skillWorkbook(rows: SkillInput[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('职业技能等级证书');
  sheet.addRow(SKILL_FIELDS.map((f) => SKILL_HEADERS[f].zh)).font = { bold: true };
  for (const r of rows) sheet.addRow(SKILL_FIELDS.map((f) => r[f]));
  // Numbers and ID numbers are text, never numbers (Excel would drop digits).
  for (let c = 1; c <= SKILL_FIELDS.length; c++) sheet.getColumn(c).numFmt = '@';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
