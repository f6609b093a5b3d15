import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { PdfInvalidError, makeDemoPdf, pdfPageCount } from './pdf.js';

describe('pdf', () => {
  it('counts the pages of a demo PDF, from bytes and from a file', async () => {
    const bytes = await makeDemoPdf({ title: 'Safety basics', pages: 3 });
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await pdfPageCount(bytes)).toBe(3);

    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'yx-pdf-'));
    try {
      await fs.writeFile(path.join(dir, 'doc.pdf'), bytes);
      expect(await pdfPageCount(path.join(dir, 'doc.pdf'))).toBe(3);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('draws given page texts, survives a Chinese title and is reproducible', async () => {
    const options = { title: '安全生产基础 Safety', pages: ['First page\nwith two lines', 'Second page'] };
    const bytes = await makeDemoPdf(options);
    expect(await pdfPageCount(bytes)).toBe(2);
    expect((await PDFDocument.load(bytes)).getTitle()).toBe(options.title);
    expect((await makeDemoPdf(options)).equals(bytes)).toBe(true);
    await expect(makeDemoPdf({ title: 'x', pages: 0 })).rejects.toBeInstanceOf(RangeError);
  });

  it('refuses a truncated PDF', async () => {
    const bytes = await makeDemoPdf({ title: 'Truncated', pages: 5 });
    await expect(pdfPageCount(bytes.subarray(0, Math.floor(bytes.length / 2)))).rejects.toBeInstanceOf(PdfInvalidError);
  });

  it.each([
    ['random bytes', () => randomBytes(4096)],
    ['text', () => Buffer.from('hello world')],
    ['an empty buffer', () => Buffer.alloc(0)],
    ['a PDF header only', () => Buffer.from('%PDF-1.7\n%%EOF\n')],
  ])('refuses %s with PdfInvalidError', async (_name, make) => {
    await expect(pdfPageCount(make())).rejects.toBeInstanceOf(PdfInvalidError);
  });
});
