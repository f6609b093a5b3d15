import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { CertificatePayload } from './signature.js';

// The certificate as a PDF (A4 landscape): title, the learner's name, masked ID, live photo from face enrolment,
// occupation and level, hours, institution, issue date, number, a QR code to the public verification page, and the
// seal (payload + signature + key id) in the document's Info dictionary under `YunxueCertificate`, where
// `npm run verify:certificate` reads it back. Chinese text is Noto Sans SC (SIL OFL, @expo-google-fonts/noto-sans-sc),
// subset by pdfkit to the glyphs used (≈10 KB a weight instead of 10 MB).

const require = createRequire(import.meta.url);
const fontFile = (weight: string) =>
  require.resolve(`@expo-google-fonts/noto-sans-sc/${weight}/NotoSansSC_${weight}.ttf`);

/**
 * The parsed fonts, shared by every document: pdfkit accepts an opened font object (anything with `layout`) in
 * place of bytes, and parsing the 10 MB files once instead of per document is most of the CPU a certificate costs.
 * pdfkit's own font opener makes the object; the private `_font.font` is pinned by pdfkit 0.20 (bench and tests
 * render through it).
 */
export type OpenedFont = { layout: (...args: unknown[]) => unknown };
let fonts: { regular: OpenedFont; bold: OpenedFont } | null = null;
function openFonts(): { regular: OpenedFont; bold: OpenedFont } {
  if (!fonts) {
    const open = (weight: string) => {
      const probe = new PDFDocument({ autoFirstPage: false });
      probe.font(readFileSync(fontFile(weight)));
      return (probe as unknown as { _font: { font: OpenedFont } })._font.font;
    };
    fonts = { regular: open('400Regular'), bold: open('700Bold') };
  }
  return fonts;
}

export type CertificatePdfInput = {
  payload: CertificatePayload;
  /** The full name (the PDF belongs to its holder; the public page shows the masked one). */
  fullName: string;
  levelLabelZh: string;
  levelLabelEn: string;
  /** JPEG or PNG bytes of the live enrolment photo; null draws an empty frame. */
  photo: Buffer | null;
  verifyUrl: string;
  seal: string;
  issuedAt: Date;
};

const INK = '#1f2937';
const ACCENT = '#9a3412';

function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * `fonts` replaces the shared parsed fonts (the bench passes the files' bytes, which pdfkit then parses for each
 * document, as its baseline).
 */
export async function renderCertificatePdf(
  input: CertificatePdfInput,
  fonts: { regular: OpenedFont | Buffer; bold: OpenedFont | Buffer } = openFonts(),
): Promise<Buffer> {
  const { regular, bold } = fonts;
  const qr = await QRCode.toBuffer(input.verifyUrl, { margin: 1, scale: 4, errorCorrectionLevel: 'M' });
  const p = input.payload;
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    info: {
      Title: `培训合格证书 ${p.number}`,
      Author: p.institution,
      Subject: 'Training Certificate / 培训合格证书',
      Keywords: p.number,
      CreationDate: input.issuedAt,
      ModDate: input.issuedAt,
    },
  });
  // The seal is plain ASCII (base64url), so it stays readable in the uncompressed Info dictionary.
  (doc.info as unknown as Record<string, string>).YunxueCertificate = input.seal;
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('cjk', regular as unknown as PDFKit.Mixins.PDFFontSource);
  doc.registerFont('cjk-bold', bold as unknown as PDFKit.Mixins.PDFFontSource);

  const W = doc.page.width;
  const H = doc.page.height;
  doc
    .lineWidth(3)
    .strokeColor(ACCENT)
    .rect(24, 24, W - 48, H - 48)
    .stroke();
  doc
    .lineWidth(0.8)
    .rect(32, 32, W - 64, H - 64)
    .stroke();

  doc.fillColor(ACCENT).font('cjk-bold').fontSize(34).text('培训合格证书', 0, 62, { width: W, align: 'center' });
  doc.font('cjk').fontSize(13).fillColor(INK).text('Training Certificate', 0, 108, { width: W, align: 'center' });

  // Photo frame (35 × 45 mm ratio) at the left.
  const photo = { x: 80, y: 160, w: 105, h: 135 };
  doc.lineWidth(0.8).strokeColor('#9ca3af').rect(photo.x, photo.y, photo.w, photo.h).stroke();
  if (input.photo)
    doc.image(input.photo, photo.x + 2, photo.y + 2, { fit: [photo.w - 4, photo.h - 4], align: 'center' });
  else
    doc
      .font('cjk')
      .fontSize(10)
      .fillColor('#9ca3af')
      .text('无照片 / No photo', photo.x, photo.y + 60, { width: photo.w, align: 'center' });

  const rows: [string, string][] = [
    ['姓名 Name', input.fullName],
    ['身份证号 ID number', p.idNumber],
    ['职业（工种）Occupation', `${p.occupationName}（${p.occupationCode}）`],
    ['等级 Level', `${input.levelLabelZh}  ${input.levelLabelEn}`],
    [
      '学时 Hours',
      `线上 ${p.onlineHours} ＋ 线下 ${p.offlineHours} ＝ ${p.totalHours} 学时 (online + offline class hours)`,
    ],
    ['培训机构 Institution', p.institution],
    ['发证日期 Issue date', `${chineseDate(p.issueDate)}  ${p.issueDate}`],
  ];
  let y = 160;
  for (const [label, value] of rows) {
    doc
      .font('cjk')
      .fontSize(10.5)
      .fillColor('#6b7280')
      .text(label, 215, y + 2, { width: 150 });
    doc.font('cjk-bold').fontSize(13).fillColor(INK).text(value, 370, y, { width: 400 });
    y += 27;
  }
  doc
    .font('cjk')
    .fontSize(12)
    .fillColor(INK)
    .text(`该学员完成规定学时，理论与实操考核合格，特发此证。`, 80, 365, { width: 520 })
    .fontSize(9.5)
    .fillColor('#4b5563')
    .text('The holder completed the required hours and passed the theory and practical assessments.', 80, 388, {
      width: 520,
    });

  doc.font('cjk').fontSize(10.5).fillColor('#6b7280').text('证书编号 No.', 80, 440);
  doc.font('cjk-bold').fontSize(15).fillColor(INK).text(p.number, 80, 456, { characterSpacing: 0.6 });
  doc
    .font('cjk')
    .fontSize(8.5)
    .fillColor('#6b7280')
    .text('本证书带有云学平台数字签名（Ed25519），可扫码或在验证页输入编号核验。', 80, 490, { width: 470 })
    .text('Digitally signed by the Yunxue platform (Ed25519); scan the code or enter the number to verify.', 80, 503, {
      width: 470,
    });

  doc.image(qr, W - 205, H - 235, { width: 130 });
  doc
    .font('cjk')
    .fontSize(9)
    .fillColor('#4b5563')
    .text('扫码验证 Scan to verify', W - 215, H - 100, { width: 150, align: 'center' });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
