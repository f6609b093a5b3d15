import fs from 'node:fs/promises';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

export class PdfInvalidError extends Error {
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'PdfInvalidError';
  }
}

/**
 * Number of pages of a PDF (a file path or its bytes). Encrypted PDFs are counted too: only the page tree is read.
 * pdf-lib parses the whole file in memory, so callers should cap upload sizes.
 */
export async function pdfPageCount(source: string | Uint8Array): Promise<number> {
  const bytes = typeof source === 'string' ? await fs.readFile(source) : source;
  let count: number;
  try {
    const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    count = doc.getPageCount();
  } catch (error) {
    throw new PdfInvalidError('Not a readable PDF', error instanceof Error ? error.message : String(error));
  }
  if (!Number.isInteger(count) || count < 1) throw new PdfInvalidError('The PDF has no pages');
  return count;
}

const A4: [number, number] = [595.28, 841.89];

// pdf-lib's standard 14 fonts only encode WinAnsi; Chinese text would need an embedded CJK font (fontkit plus a
// multi-megabyte font file), which demo documents do not justify. Other characters become "?" instead of throwing.
const winAnsiSafe = (text: string) => text.replace(/[^\x20-\x7E\n]/g, '?');

/**
 * A small multi-page A4 PDF for demo documents: a title on the first page, then body text per page (or a numbered
 * placeholder), and "Page i / n" footers. Output is byte-for-byte reproducible for the same input (no dates), so
 * seeding twice yields the same sha256. The document title in the metadata keeps full Unicode.
 */
export async function makeDemoPdf(options: { title: string; pages: number | string[] }): Promise<Buffer> {
  const bodies =
    typeof options.pages === 'number'
      ? Array.from({ length: options.pages }, (_, i) => `Demo content, page ${i + 1}.`)
      : options.pages;
  if (bodies.length < 1) throw new RangeError('A PDF needs at least one page');
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(options.title);
  doc.setCreator('Yunxue demo seed');
  doc.setProducer('pdf-lib');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const margin = 56;

  bodies.forEach((body, i) => {
    const page = doc.addPage(A4);
    const [width, height] = A4;
    let y = height - margin;
    if (i === 0) {
      page.drawText(winAnsiSafe(options.title), {
        x: margin,
        y: y - 24,
        size: 24,
        font: bold,
        maxWidth: width - 2 * margin,
      });
      y -= 72;
    }
    page.drawText(winAnsiSafe(body), {
      x: margin,
      y: y - 12,
      size: 12,
      font: regular,
      lineHeight: 18,
      maxWidth: width - 2 * margin,
      color: rgb(0.1, 0.1, 0.1),
    });
    page.drawText(`Page ${i + 1} / ${bodies.length}`, { x: width / 2 - 30, y: margin / 2, size: 10, font: regular });
  });
  return Buffer.from(await doc.save());
}
