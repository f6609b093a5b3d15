import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { makeResidentId } from '../identity/index.js';
import {
  buildRosterTemplate,
  checkRows,
  decodeText,
  mapHeader,
  parseCsv,
  readRosterFile,
  sameName,
  zipUnpackedSize,
  type Cell,
  type RosterRow,
} from './enrolment-import.js';
import { rosterXlsx } from './enrolment.testkit.js';

const today = new Date('2026-11-23T04:00:00Z');
const text = (t: string): Cell => ({ text: t, numeric: false });
const row = (n: number, name: string, idNumber: string, phone: string): RosterRow => ({
  row: n,
  name: text(name),
  idNumber: text(idNumber),
  phone: text(phone),
});
const id = (sequence: number, birthDate = '1990-01-01') =>
  makeResidentId({ regionCode: '330106', birthDate, sequence });

async function refused(promise: Promise<unknown>): Promise<{ code: string; details: unknown }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return { code: (error as AppError).code, details: (error as AppError).options.details };
  }
  throw new Error('expected the file to be refused');
}

/** GBK bytes of a string, found by decoding every double-byte code (Node can decode GBK but not encode it). */
function encodeGbk(value: string): Buffer {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (!table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return Buffer.from([...value].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : table.get(c)!)));
}

describe('CSV', () => {
  it('reads quotes, doubled quotes, line breaks inside quotes and CRLF', () => {
    expect(parseCsv('a,"b,c","say ""hi"""\r\n"multi\nline",x,\r\n')).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['multi\nline', 'x', ''],
    ]);
  });

  it('takes the delimiter the first line uses: comma, tab or semicolon', () => {
    expect(parseCsv('姓名\t身份证号\t手机号\n张三\t1\t2')).toEqual([
      ['姓名', '身份证号', '手机号'],
      ['张三', '1', '2'],
    ]);
    expect(parseCsv('姓名;身份证号;手机号\n张三;1;2')).toEqual([
      ['姓名', '身份证号', '手机号'],
      ['张三', '1', '2'],
    ]);
    expect(parseCsv('"a\t\t\nb",c\nd,e')).toEqual([
      ['a\t\t\nb', 'c'],
      ['d', 'e'],
    ]);
  });

  it('any table written with quotes reads back the same', () => {
    const table = fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 5 }), {
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(table, (rows) => {
        const csv = rows.map((r) => r.map((f) => `"${f.replaceAll('"', '""')}"`).join(',')).join('\r\n');
        expect(parseCsv(csv)).toEqual(rows);
      }),
    );
  });

  it('decodes UTF-8 with or without BOM, UTF-16 with BOM and GBK; binary is not text', () => {
    const csv = '姓名,身份证号,手机号\n张伟,1,2';
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]))).toBe(csv);
    expect(decodeText(Buffer.from(csv))).toBe(csv);
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]))).toBe(csv);
    expect(decodeText(encodeGbk(csv))).toBe(csv);
    expect(decodeText(Buffer.from([0x00, 0x01, 0x02, 0x03]))).toBeNull();
  });
});

describe('reading roster files', () => {
  it('finds the columns by their header in Chinese or English, in any order, ignoring others', () => {
    expect(mapHeader(['姓名 Name', '身份证号 Resident ID', '手机号 Phone'].map(text))).toEqual({
      columns: { name: 0, idNumber: 1, phone: 2 },
    });
    expect(mapHeader(['序号', 'Phone', 'Name', 'ID number', '备注'].map(text))).toEqual({
      columns: { name: 2, idNumber: 3, phone: 1 },
    });
    expect(mapHeader(['*姓名', '证件号码（身份证）', '联系电话'].map(text))).toEqual({
      columns: { name: 0, idNumber: 1, phone: 2 },
    });
    expect(mapHeader(['姓名', '电话'].map(text))).toEqual({ missing: ['idNumber'] });
  });

  it('reads an .xlsx: numbers, rich text and formulas as text, empty rows skipped, real row numbers kept', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(['姓名', '身份证号', '手机号']);
    sheet.addRow([{ richText: [{ text: '王' }, { text: '芳' }] }, id(1), 13800000001]);
    sheet.addRow([]);
    sheet.getRow(4).values = ['李娜', { formula: 'A1', result: id(2) }, '138 0000 0002'];
    const file = await readRosterFile(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(file.format).toBe('xlsx');
    expect(file.rows).toEqual([
      { row: 2, name: text('王芳'), idNumber: text(id(1)), phone: { text: '13800000001', numeric: true } },
      { row: 4, name: text('李娜'), idNumber: text(id(2)), phone: text('138 0000 0002') },
    ]);
  });

  it('an ID number typed as a number has lost digits and is reported as such', async () => {
    const file = await readRosterFile(await rosterXlsx([['王芳', Number('330106199001010011'), '13800000001']]));
    const { issues } = checkRows(file.rows, today);
    expect(issues.map((i) => [i.row, i.field, i.code])).toEqual([[2, 'idNumber', 'ENROLMENT_ROW_ID_NUMBER_NOT_TEXT']]);
    const csv = await readRosterFile(Buffer.from('姓名,身份证号,手机号\n王芳,3.30106E+17,13800000001'));
    expect(checkRows(csv.rows, today).issues.map((i) => i.code)).toEqual(['ENROLMENT_ROW_ID_NUMBER_NOT_TEXT']);
  });

  it('refuses what is not a roster', async () => {
    expect(await refused(readRosterFile(Buffer.from('姓名,身份证号,手机号\n')))).toMatchObject({
      code: 'ENROLMENT_FILE_EMPTY',
    });
    expect(await refused(readRosterFile(Buffer.from('name,phone\n张三,13800000001')))).toMatchObject({
      code: 'ENROLMENT_FILE_HEADER_INVALID',
      details: { missing: ['idNumber'] },
    });
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    expect(await refused(readRosterFile(png))).toMatchObject({
      code: 'ENROLMENT_FILE_TYPE_NOT_ALLOWED',
      details: { detected: 'png' },
    });
    const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]);
    expect((await refused(readRosterFile(xls))).code).toBe('ENROLMENT_FILE_TYPE_NOT_ALLOWED');
  });

  it('knows the unpacked size of a zip before unpacking it', async () => {
    const template = await buildRosterTemplate('测试班');
    expect(zipUnpackedSize(template)).toBeGreaterThan(template.length);
    expect(zipUnpackedSize(Buffer.from('not a zip at all'))).toBe(Infinity);
  });
});

describe('row checks without the database', () => {
  it('reports every problem of every row, naming the field', () => {
    const { issues, people } = checkRows(
      [
        row(2, '张伟', id(1).toLowerCase(), '+86 138-0000-0001'),
        row(3, '', id(2).slice(0, 17) + (id(2).endsWith('0') ? '1' : '0'), '1380000000'),
        row(4, 'x', makeResidentId({ regionCode: '330106', birthDate: '2030-01-01', sequence: 3 }), ''),
        row(5, '李娜', '１１０１０５１９４９１２３１００２Ｘ'.replace('２Ｘ', '３Ｘ'), '13800000005'),
        row(6, '王芳', makeResidentId({ regionCode: '990100', birthDate: '1990-01-01', sequence: 4 }), '23800000006'),
      ],
      today,
    );
    expect(issues.map((i) => [i.row, i.field, i.code, i.details?.reason])).toEqual([
      [3, 'name', 'ENROLMENT_ROW_REQUIRED', undefined],
      [3, 'idNumber', 'IDENTITY_ID_NUMBER_INVALID', 'checksum'],
      [3, 'phone', 'IDENTITY_PHONE_INVALID', 'length'],
      [4, 'name', 'IDENTITY_NAME_INVALID', undefined],
      [4, 'idNumber', 'IDENTITY_ID_NUMBER_INVALID', 'future'],
      [4, 'phone', 'ENROLMENT_ROW_REQUIRED', undefined],
      [5, 'idNumber', 'IDENTITY_ID_NUMBER_INVALID', 'checksum'],
      [6, 'idNumber', 'IDENTITY_ID_NUMBER_INVALID', 'region'],
      [6, 'phone', 'IDENTITY_PHONE_INVALID', 'prefix'],
    ]);
    expect(issues[1].messages).toEqual({
      'zh-CN': '身份证号码无效：校验位不正确，请核对号码',
      en: 'Invalid resident ID number: the check character does not match; check the number',
    });
    expect(people[0]).toMatchObject({ name: '张伟', phone: '13800000001', invalid: false, duplicate: false });
    expect(people[0].id!.normalized).toBe(id(1).toUpperCase());
  });

  it('a repeated ID number or phone is reported on the later row, naming the first', () => {
    const { issues, people } = checkRows(
      [
        row(2, '张伟', id(1), '13800000001'),
        row(3, '王芳', id(2), '13800000002'),
        row(4, '李娜', id(1).toLowerCase(), '13800000003'),
        row(5, '刘洋', id(4), '138 0000 0002'),
      ],
      today,
    );
    expect(issues.map((i) => [i.row, i.field, i.code, i.details?.firstRow, i.messages['zh-CN']])).toEqual([
      [4, 'idNumber', 'ENROLMENT_ROW_DUPLICATE_ID_NUMBER', 2, '与第 2 行的身份证号重复'],
      [5, 'phone', 'ENROLMENT_ROW_DUPLICATE_PHONE', 3, '与第 3 行的手机号重复'],
    ]);
    expect(people.map((p) => p.duplicate)).toEqual([false, false, true, true]);
  });

  it('the example row of the template is reported, not imported', () => {
    const { issues, people } = checkRows([row(2, '张三', '11010519491231002X', '13800138000')], today);
    expect(issues.map((i) => [i.row, i.field, i.code])).toEqual([[2, null, 'ENROLMENT_ROW_EXAMPLE']]);
    expect(people[0]).toMatchObject({ id: null, invalid: true });
  });

  it('names match their real-name record regardless of spacing, dot style and Latin case', () => {
    expect(sameName('阿依古丽•买买提', '阿依古丽·买买提')).toBe(true);
    expect(sameName(' John  Smith ', 'john smith')).toBe(true);
    expect(sameName('张伟', '张玮')).toBe(false);
  });
});
