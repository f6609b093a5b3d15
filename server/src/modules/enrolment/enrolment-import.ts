import ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';
import { AppError, rowIssueOf, type RowIssueOf } from '../../platform/errors.js';
import { isZip, zipUnpackedSize } from '../../platform/upload.js';
import {
  idNumberReasonParams,
  validateName,
  validateMobilePhone,
  validateResidentId,
  type ResidentIdInfo,
} from '../identity/index.js';

// Roster files (报名名单): reading an .xlsx or CSV upload into rows, and the checks on each row that need no database.
// The type is decided by the content, never by the file name: a zip is read as a workbook, text as CSV, anything else
// is refused.

export const ROSTER_MAX_BYTES = 5 * 1024 * 1024;
export const ROSTER_MAX_ROWS = 5000;
/** A 5 MB zip could unpack to gigabytes; a real 5,000-row roster unpacks to a few MB. */
const XLSX_MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

/** The example row of the template (GB 11643's own sample number, and China Mobile's service number). */
export const EXAMPLE_ROW = { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' } as const;

export type RosterField = 'name' | 'idNumber' | 'phone';
const FIELDS: readonly RosterField[] = ['name', 'idNumber', 'phone'];
const FIELD_LABELS: Record<RosterField, { zh: string; en: string }> = {
  name: { zh: '姓名', en: 'Name' },
  idNumber: { zh: '身份证号', en: 'Resident ID' },
  phone: { zh: '手机号', en: 'Phone' },
};

/** One finding about one spreadsheet row (the header is row 1). */
export type RowIssue = RowIssueOf<RosterField>;
export const rowIssue: typeof rowIssueOf<RosterField> = rowIssueOf;

const FIELD_ORDER: Record<string, number> = { name: 0, idNumber: 1, phone: 2, null: 3 };
export function sortIssues(issues: RowIssue[]): RowIssue[] {
  return issues.sort((a, b) => a.row - b.row || FIELD_ORDER[String(a.field)] - FIELD_ORDER[String(b.field)]);
}

/** A cell as read: its text, and whether the spreadsheet held it as a number (which loses digits of an ID number). */
export type Cell = { text: string; numeric: boolean };
export type RosterRow = { row: number } & Record<RosterField, Cell>;
export type RosterFile = { format: 'xlsx' | 'csv'; rows: RosterRow[] };
type Table = { row: number; cells: Cell[] }[];

const EMPTY: Cell = { text: '', numeric: false };

export { zipUnpackedSize };

// ---- reading ---------------------------------------------------------------------------------------------------

export async function readRosterFile(bytes: Buffer): Promise<RosterFile> {
  if (bytes.length === 0) throw new AppError('ENROLMENT_FILE_EMPTY');
  if (bytes.length > ROSTER_MAX_BYTES) throw tooLarge();
  if (isZip(bytes)) return { format: 'xlsx', rows: tableToRows(await readXlsx(bytes)) };
  const detected = await fileTypeFromBuffer(bytes.subarray(0, 4100));
  if (detected) throw new AppError('ENROLMENT_FILE_TYPE_NOT_ALLOWED', { details: { detected: detected.ext } });
  const text = decodeText(bytes);
  if (text === null) throw new AppError('ENROLMENT_FILE_TYPE_NOT_ALLOWED', { details: { detected: 'binary' } });
  return {
    format: 'csv',
    rows: tableToRows(
      parseCsv(text).map((cells, i) => ({ row: i + 1, cells: cells.map((text) => ({ text, numeric: false })) })),
    ),
  };
}

export function tooLarge(): AppError {
  return new AppError('ENROLMENT_FILE_TOO_LARGE', {
    params: { limitMb: ROSTER_MAX_BYTES / (1024 * 1024) },
    details: { maxBytes: ROSTER_MAX_BYTES },
  });
}

async function readXlsx(bytes: Buffer): Promise<Table> {
  if (zipUnpackedSize(bytes) > XLSX_MAX_UNPACKED_BYTES)
    throw new AppError('ENROLMENT_FILE_UNREADABLE', { details: { reason: 'unpacked_size' } });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError('ENROLMENT_FILE_UNREADABLE');
  }
  // The first sheet holds the roster; the template's second sheet is the instructions.
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('ENROLMENT_FILE_UNREADABLE', { details: { reason: 'no_sheet' } });
  const table: Table = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    // `values` is 1-based (index 0 is empty).
    table.push({
      row: rowNumber,
      cells: Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellOf(values[i + 1])),
    });
  });
  return table;
}

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'number') return { text: String(value), numeric: true };
  if (typeof value === 'string') return { text: value, numeric: false };
  if (typeof value === 'boolean') return { text: String(value), numeric: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), numeric: false };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join(''), numeric: false };
  if ('formula' in value || 'sharedFormula' in value) return cellOf((value as ExcelJS.CellFormulaValue).result);
  if ('hyperlink' in value) return cellOf(value.text);
  return EMPTY; // #N/A and other error values
}

/** UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), else GB 18030 (a superset of GBK); null for binary. */
export function decodeText(bytes: Buffer): string | null {
  const decode = (encoding: string, from: number) => {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(from));
    } catch {
      return null;
    }
  };
  let text: string | null;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) text = decode('utf-8', 3);
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) text = decode('utf-16le', 2);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = decode('utf-16be', 2);
  else text = decode('utf-8', 0) ?? decode('gb18030', 0);
  // Text files have no control characters other than tabs and line breaks.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point of this check
  if (text === null || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return null;
  return text;
}

/** RFC 4180 CSV (quotes, doubled quotes, line breaks inside quotes); the delimiter is whichever of , ; tab the first line uses most. */
export function parseCsv(text: string): string[][] {
  const delimiter = detectDelimiter(text);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  // Whether the current record has begun: a last record of one empty quoted field ("") is still a record.
  let started = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
    started = false;
  };
  while (i < text.length) {
    const c = text[i];
    if (!quoted && (c === '\r' || c === '\n')) {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    started = true;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) endField();
    else field += c;
    i++;
  }
  if (started) endRecord();
  return records;
}

/** The candidate delimiter found most often outside quotes in the first record. */
function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\r' || c === '\n')) break;
    else if (!quoted && c in counts) counts[c]++;
  }
  return [',', '\t', ';'].reduce((best, c) => (counts[c] > counts[best] ? c : best), ',');
}

/** Which column holds which field, from the header's wording (zh or en, any order, extra columns ignored). */
export function mapHeader(cells: Cell[]): { columns: Record<RosterField, number> } | { missing: RosterField[] } {
  const columns: Partial<Record<RosterField, number>> = {};
  cells.forEach((cell, index) => {
    const h = cell.text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\s*＊:：()（）_-]/g, '');
    const field: RosterField | null = /身份证|证件号|residentid|idnumber|idcard|^id$/.test(h)
      ? 'idNumber'
      : /手机|电话|phone|mobile/.test(h)
        ? 'phone'
        : /姓名|^(full)?name/.test(h)
          ? 'name'
          : null;
    if (field && columns[field] === undefined) columns[field] = index;
  });
  const missing = FIELDS.filter((f) => columns[f] === undefined);
  return missing.length > 0 ? { missing } : { columns: columns as Record<RosterField, number> };
}

/** The first non-empty row is the header; the rows after it that have anything in the three columns are the roster. */
function tableToRows(table: Table): RosterRow[] {
  const nonEmpty = table.filter((r) => r.cells.some((c) => c.text.trim() !== ''));
  const header = nonEmpty[0];
  if (!header) throw new AppError('ENROLMENT_FILE_EMPTY');
  const mapped = mapHeader(header.cells);
  if ('missing' in mapped) {
    throw new AppError('ENROLMENT_FILE_HEADER_INVALID', {
      details: { missing: mapped.missing, row: header.row },
      params: {
        missing: {
          'zh-CN': mapped.missing.map((f) => FIELD_LABELS[f].zh).join('、'),
          en: mapped.missing.map((f) => FIELD_LABELS[f].en).join(', '),
        },
      },
    });
  }
  const rows: RosterRow[] = [];
  for (const r of nonEmpty.slice(1)) {
    const pick = (f: RosterField) => r.cells[mapped.columns[f]] ?? EMPTY;
    const row = { row: r.row, name: pick('name'), idNumber: pick('idNumber'), phone: pick('phone') };
    if (FIELDS.some((f) => row[f].text.trim() !== '')) rows.push(row);
  }
  if (rows.length === 0) throw new AppError('ENROLMENT_FILE_EMPTY');
  if (rows.length > ROSTER_MAX_ROWS) {
    throw new AppError('ENROLMENT_FILE_TOO_MANY_ROWS', {
      params: { max: ROSTER_MAX_ROWS, rows: rows.length },
      details: { max: ROSTER_MAX_ROWS, rows: rows.length },
    });
  }
  return rows;
}

// ---- checks without the database ---------------------------------------------------------------------------------

/** A row as far as the file alone can tell: each field null when it is not valid. */
export type RosterPerson = {
  row: number;
  name: string | null;
  id: ResidentIdInfo | null;
  phone: string | null;
  /** The ID number or the phone already appeared in an earlier row: that row stands for the person. */
  duplicate: boolean;
  /** Any problem found in the file alone. */
  invalid: boolean;
};

/** An ID number typed into a number cell, as Excel keeps it (15 significant digits) or shows it in CSV (3.30106E+17). */
function lostDigits(cell: Cell): boolean {
  const t = cell.text.trim();
  return (cell.numeric && t.replace(/\D/g, '').length >= 15) || /^\d(\.\d+)?e\+\d+$/i.test(t);
}

export function checkRows(rows: RosterRow[], today: Date): { people: RosterPerson[]; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const firstRowById = new Map<string, number>();
  const firstRowByPhone = new Map<string, number>();
  const people = rows.map((r): RosterPerson => {
    const found: RowIssue[] = [];
    const person: RosterPerson = { row: r.row, name: null, id: null, phone: null, duplicate: false, invalid: false };

    const idText = r.idNumber.text.trim();
    if (idText.normalize('NFKC').replace(/\s+/g, '').toUpperCase() === EXAMPLE_ROW.idNumber) {
      issues.push(rowIssue(r.row, null, 'ENROLMENT_ROW_EXAMPLE'));
      return { ...person, invalid: true };
    }

    if (r.name.text.trim() === '') found.push(rowIssue(r.row, 'name', 'ENROLMENT_ROW_REQUIRED'));
    else if ((person.name = validateName(r.name.text)) === null)
      found.push(rowIssue(r.row, 'name', 'IDENTITY_NAME_INVALID'));

    if (idText === '') found.push(rowIssue(r.row, 'idNumber', 'ENROLMENT_ROW_REQUIRED'));
    else if (lostDigits(r.idNumber)) found.push(rowIssue(r.row, 'idNumber', 'ENROLMENT_ROW_ID_NUMBER_NOT_TEXT'));
    else {
      const result = validateResidentId(idText, today);
      if (result.ok) person.id = result.value;
      else
        found.push(
          rowIssue(r.row, 'idNumber', 'IDENTITY_ID_NUMBER_INVALID', {
            params: idNumberReasonParams(result.reason),
            details: { reason: result.reason },
          }),
        );
    }

    if (r.phone.text.trim() === '') found.push(rowIssue(r.row, 'phone', 'ENROLMENT_ROW_REQUIRED'));
    else {
      const result = validateMobilePhone(r.phone.text);
      if (result.ok) person.phone = result.value;
      else found.push(rowIssue(r.row, 'phone', 'IDENTITY_PHONE_INVALID', { details: { reason: result.reason } }));
    }

    // The later row is the one reported, naming the first, so fixing the file means deleting or correcting it.
    if (person.id) {
      const first = firstRowById.get(person.id.normalized);
      if (first === undefined) firstRowById.set(person.id.normalized, r.row);
      else {
        person.duplicate = true;
        found.push(
          rowIssue(r.row, 'idNumber', 'ENROLMENT_ROW_DUPLICATE_ID_NUMBER', {
            params: { firstRow: first },
            details: { firstRow: first },
          }),
        );
      }
    }
    if (person.phone) {
      const first = firstRowByPhone.get(person.phone);
      if (first === undefined) firstRowByPhone.set(person.phone, r.row);
      else {
        person.duplicate = true;
        found.push(
          rowIssue(r.row, 'phone', 'ENROLMENT_ROW_DUPLICATE_PHONE', {
            params: { firstRow: first },
            details: { firstRow: first },
          }),
        );
      }
    }
    issues.push(...found);
    return { ...person, invalid: found.length > 0 };
  });
  return { people, issues };
}

/** Real-name match of a typed name against the account's: the same after normalising spaces, dots and Latin case. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').replace(/[•・]/g, '·').toLowerCase();
  return norm(a) === norm(b);
}

// ---- template ----------------------------------------------------------------------------------------------------

const RULES: [string, string][] = [
  ['每行一名学员，第 1 行为表头，请勿修改表头。', 'One learner per row. Row 1 is the header; do not change it.'],
  [
    '姓名：与身份证一致的真实姓名（少数民族姓名中的“·”可保留）。',
    'Name: the real name as on the resident ID card (the middle dot of minority names may stay).',
  ],
  [
    '身份证号：18 位居民身份证号码，最后一位可为 X；该列已设为文本格式，请勿改为数字格式，否则末几位会丢失。',
    'Resident ID: the 18-character resident ID number, the last may be X. The column is formatted as text; do not change it to a number format, which loses the last digits.',
  ],
  [
    '手机号：11 位中国大陆手机号码，用于接收短信验证码。',
    'Phone: an 11-digit mainland China mobile number; it receives the SMS codes.',
  ],
  ['同一文件中身份证号、手机号均不能重复。', 'No resident ID number or mobile number may appear twice in the file.'],
  [
    '已在平台注册的学员按身份证号匹配，姓名须与其实名信息一致；账号保留其原有手机号。',
    'Learners already on the platform are matched by ID number; the name must match their real-name record. Their account keeps its own mobile number.',
  ],
  [
    '尚未注册的学员将自动建立账号（待激活）：本人在登录页点击“忘记密码”，用该手机号接收验证码并设置密码，即完成实名注册。',
    'Learners not yet on the platform get an account awaiting activation: on the sign-in page they choose "Forgot password", receive a code on this mobile number and set a password, which completes their registration.',
  ],
  [
    '同一学员不能同时报名同一职业（工种）、同一等级且培训时间重叠的两个班级。',
    'A learner cannot be in two classes of the same occupation and level whose dates overlap.',
  ],
  [
    '每个文件最多 5000 行、不超过 5 MB；也可上传 UTF-8 编码的 CSV 文件（表头相同）。',
    'At most 5,000 rows and 5 MB per file. A UTF-8 CSV file with the same header is accepted too.',
  ],
  [
    '导入前系统会逐行检查；有错误的行不会导入，您可以修改后重新上传，或选择仅导入无误的行。',
    'Every row is checked before importing. Rows with errors are never imported: fix them and upload again, or choose to import only the valid rows.',
  ],
  ['第 2 行为示例，导入前请删除。', 'Row 2 is an example; delete it before importing.'],
];

/** The roster template: the header, one example row and a sheet of rules in Chinese and English. */
export async function buildRosterTemplate(className: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '云学 Yunxue';
  const sheet = workbook.addWorksheet('名单 Roster', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '姓名 Name', key: 'name', width: 16 },
    { header: '身份证号 Resident ID', key: 'idNumber', width: 24, style: { numFmt: '@' } },
    { header: '手机号 Phone', key: 'phone', width: 16, style: { numFmt: '@' } },
    { header: '备注 Note', key: 'note', width: 40 },
  ];
  sheet.getRow(1).font = { bold: true };
  const example = sheet.addRow({ ...EXAMPLE_ROW, note: '示例行，导入前请删除 Example: delete this row' });
  example.font = { italic: true, color: { argb: 'FF888888' } };
  const rules = workbook.addWorksheet('说明 Instructions');
  rules.columns = [
    { header: '规则', key: 'zh', width: 70 },
    { header: 'Rules', key: 'en', width: 90 },
  ];
  rules.getRow(1).font = { bold: true };
  rules.addRow({ zh: `班级：${className}`, en: `Class: ${className}` });
  for (const [zh, en] of RULES) rules.addRow({ zh, en }).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
