// Certificate PDFs: CPU per PDF of the certificate as issued (Chinese text subset from Noto Sans SC, the photo, the QR
// code, the seal), against a baseline measured in the same run: the same document with the fonts handed to pdfkit
// as bytes, so that each document parses the 10 MB font files again (what pdfkit does when given font files).
//
//   npm run bench:certificate          BENCH_PDFS=200 (how many PDFs each way)
//
// The budget is 50 ms of CPU per PDF (issue 16). Figures go to docs/certificates.md.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { renderCertificatePdf } from '../server/src/modules/certificates/certificate-pdf.js';
import { portraitJpeg } from '../server/src/modules/certificates/certificates.testkit.js';
import type { CertificatePayload } from '../server/src/modules/certificates/signature.js';

const N = Number(process.env.BENCH_PDFS ?? 200);
const require = createRequire(import.meta.url);
const NAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀英华慧';

const photo = await portraitJpeg();
const input = (i: number) => {
  const number = `YX330106202600010${String(i).padStart(5, '0')}X`;
  const payload: CertificatePayload = {
    v: 1,
    number,
    name: `${NAMES[i % NAMES.length]}*${GIVEN[i % GIVEN.length]}`,
    idNumber: '3301**********1234',
    occupationCode: '6-31-01-03',
    occupationName: '电工',
    level: 5,
    onlineHours: 40,
    offlineHours: 40,
    totalHours: 80,
    institution: '杭州西湖职业技能培训学校',
    issueDate: '2026-07-01',
  };
  return {
    payload,
    // Different names each time: a different subset of glyphs per document.
    fullName: `${NAMES[i % NAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 3) % GIVEN.length]}`,
    levelLabelZh: '五级/初级工',
    levelLabelEn: 'Level 5 / Junior Worker',
    photo,
    verifyUrl: `https://yunxue.example.cn/verify/${number}`,
    seal: `yx1.${'A'.repeat(400)}.${'B'.repeat(86)}.${'C'.repeat(16)}`,
    issuedAt: new Date('2026-07-01T02:00:00Z'),
  };
};

/** The baseline: the same document with the fonts as bytes, parsed by pdfkit for every document. */
const fontBytes = (w: string) =>
  readFileSync(require.resolve(`@expo-google-fonts/noto-sans-sc/${w}/NotoSansSC_${w}.ttf`));
const bytes = { regular: fontBytes('400Regular'), bold: fontBytes('700Bold') };
const baseline = (i: number) => renderCertificatePdf(input(i), bytes);

async function measure(label: string, make: (i: number) => Promise<Buffer>, n: number) {
  await make(0); // warm-up: the first call parses the fonts once (and JIT)
  const cpu = process.cpuUsage();
  const wall = performance.now();
  let bytes = 0;
  for (let i = 1; i <= n; i++) bytes += (await make(i)).length;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000 / n;
  const wallMs = (performance.now() - wall) / n;
  console.log(
    `${label.padEnd(44)} ${cpuMs.toFixed(1).padStart(6)} ms CPU/PDF  ${(1000 / cpuMs).toFixed(1).padStart(6)} PDFs/s per core  ` +
      `${wallMs.toFixed(1).padStart(6)} ms wall  ${Math.round(bytes / n / 1024)} KB`,
  );
  return cpuMs;
}

console.log(`Certificate PDFs, ${N} each way (Node ${process.version})`);
const ours = await measure('certificate (fonts parsed once, shared)', (i) => renderCertificatePdf(input(i)), N);
await measure('baseline (fonts parsed per document)', baseline, Math.max(10, Math.floor(N / 10)));
console.log(`budget 50 ms CPU per PDF: ${ours <= 50 ? 'met' : 'NOT met'} (${ours.toFixed(1)} ms)`);
