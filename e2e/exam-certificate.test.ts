// From the formal exam to a revoked certificate, in Chromium against the real server and face engine: the institution
// sets the formal exam with its form; a learner whose online theory is complete takes it on a phone (375 px), passing
// the face check at the start before a fake front camera filming him turn his head, and submits; the teacher grades
// the short answer; the assessor enters the practical score; the class closes and issues the certificate; the learner
// downloads its PDF (rendered to PNG with pdftoppm), the QR code on it is read and its URL opened: the verify page
// says valid, and once the regulator revokes it, revoked. Screenshots go to docs/screenshots.
//
// Two things are not clicked through, to keep the test under a minute: the learning (the class's lessons are 45
// minutes long each, so the test writes them as completed into the server's database, as the learning engine would
// after real time) and the class's dates and attendance (closing needs the end date to have come; the practice day
// is in ten days). Demo content is off in end-to-end runs (its videos take minutes to transcode), so the class is one
// made through the API like the demo's running electrician class, with the same course kinds and rules.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_QUESTIONS } from '../server/src/database/seed/demo-questions';
import { facePhotos } from '../server/src/testing/face-photos';
import { launchBrowser, newContext } from './helpers/browser';
import { apiSignIn, beijingDay, prepareClassWorld, type ApiSession } from './helpers/classes';
import { TURNING_HEAD, writeFaceClip } from './helpers/face-camera';
import { runningClassWith } from './helpers/learning';
import { launchWithFakeCamera } from './helpers/qr-camera';
import { repoRoot, startServer, type RunningServer } from './helpers/server';
import { signIn } from './helpers/ui';

const LEARNER = '13800000004';
const shots = path.join(repoRoot, 'docs/screenshots');
let server: RunningServer;
let work: string;
let camera: Browser;
let plain: Browser;
let classId = '';
let learnerId = '';
let paperName = '';

async function ok<T = any>(what: string, promise: Promise<{ status: number; body: T }>): Promise<T> {
  const { status, body } = await promise;
  if (status >= 300) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
  return body;
}

async function save(page: Page, name: string, fullPage = false): Promise<void> {
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300); // antd motion
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage });
}

/** A bank of the electrician standard with one question of four kinds (the demo's), and a fixed formal paper. */
async function paperOf(admin: ApiSession): Promise<void> {
  const bank = await ok(
    'bank',
    admin.call('POST', '/api/question-banks', { name: '电工（五级）E2E 题库', occupationCode: '6-31-01-03', level: 5 }),
  );
  const pick = (type: string) => DEMO_QUESTIONS.find((q) => q.type === type)!;
  const ids: string[] = [];
  for (const q of ['single', 'true_false', 'fill_blank', 'short_answer'].map(pick))
    ids.push((await ok('question', admin.call('POST', `/api/question-banks/${bank.id}/questions`, q))).id);
  paperName = `电工（五级）E2E 理论试卷 ${Date.now() % 10000}`;
  await ok(
    'paper',
    admin.call('POST', '/api/papers', {
      name: paperName,
      kind: 'formal',
      bankIds: [bank.id],
      mode: 'fixed',
      questionIds: ids,
      rules: [],
      typeScores: { single: 20, multiple: 20, true_false: 20, fill_blank: 20, short_answer: 40 },
    }),
  );
}

beforeAll(async () => {
  const photos = await facePhotos();
  [server, plain] = await Promise.all([startServer(), launchBrowser()]);
  work = mkdtempSync(path.join(tmpdir(), 'yx-exam-e2e-'));
  const clip = path.join(work, 'turning-head.y4m');
  await writeFaceClip(photos, TURNING_HEAD, clip);
  camera = await launchWithFakeCamera(clip);
  const world = await prepareClassWorld(server.baseUrl);
  classId = await runningClassWith(server.baseUrl, world, `电工（五级）考试 E2E ${Date.now() % 100000} 期`, LEARNER);
  await paperOf(world.admin);
  const learner = await apiSignIn(server.baseUrl, LEARNER);
  learnerId = (await ok('me', learner.call('GET', '/api/auth/me'))).user.id;
  await ok(
    'enrol face',
    learner.call('POST', '/api/faces/enrolment', { photo: photos.read('franck_02045.jpg').toString('base64') }),
  );
  await learner.call('POST', '/api/auth/logout', {});
  // The learner's online theory, complete: every lesson of the class credited in full.
  const db = new Database(path.join(server.varDir, 'yunxue.db'));
  try {
    const lessons = db
      .prepare(
        `select lessons.id, lessons.course_id, lessons.document_minutes from lessons
         join class_courses on class_courses.course_id = lessons.course_id where class_courses.class_id = ?`,
      )
      .all(classId) as { id: string; course_id: string; document_minutes: number }[];
    const at = new Date().toISOString();
    const insert = db.prepare(
      `insert into lesson_progress (user_id, class_id, lesson_id, course_id, coverage, credited_ms, duration_ms,
       face_passes, completed_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    );
    for (const l of lessons) {
      const ms = l.document_minutes * 60_000;
      insert.run(learnerId, classId, l.id, l.course_id, JSON.stringify([[0, ms]]), ms, ms, at, at);
    }
  } finally {
    db.close();
  }
}, 240_000);

afterAll(async () => {
  await camera?.close();
  await plain?.close();
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('formal exam to certificate', () => {
  test('exam with a face check, grading, practical, closing, the certificate PDF and its verification', async () => {
    // The institution sets the formal exam with its form: the paper of the class's occupation, the policy's mark.
    const adminContext = await newContext(plain, { baseUrl: server.baseUrl, language: 'zh-CN', width: 1280 });
    const admin = await adminContext.newPage();
    await signIn(admin, '13900000021');
    await admin.goto(`/classes/${classId}/assessment`);
    await admin.locator('[data-testid=set-exam-open]').click();
    const form = admin.locator('[data-testid=set-exam-form]');
    await form.waitFor();
    await admin.locator('[data-testid=set-exam-paper]').click();
    await admin.locator('.ant-select-item-option', { hasText: paperName }).click();
    expect(await form.locator('#passMark').inputValue()).toBe('60');
    await save(admin, 'exam-set-form-zh-1280');
    await admin.setViewportSize({ width: 375, height: 812 });
    await save(admin, 'exam-set-form-zh-375');
    await admin.locator('.ant-modal-footer .ant-btn-primary').click();
    await form.waitFor({ state: 'detached' });
    const adminApi = await apiSignIn(server.baseUrl, '13900000021');
    const [exam] = (await ok('exams', adminApi.call('GET', `/api/classes/${classId}/exams`))).items;
    expect(exam).toMatchObject({ kind: 'formal', passMark: 60, totalScore: 100, maxAttempts: 2 });
    await adminContext.close();

    // The learner, on a phone: the face check at the start, then the questions, then the submission.
    const context = await newContext(camera, { baseUrl: server.baseUrl, language: 'zh-CN', width: 375 });
    const page = await context.newPage();
    await signIn(page, LEARNER);
    await page.goto(`/my/classes/${classId}/exams/${exam.id}`);
    await page.locator('[data-testid=exam-start]').click();
    const dialog = page.locator('[data-testid=check-dialog][data-kind=face]');
    await dialog.waitFor();
    expect(await page.locator('[data-testid=face-no-credit]').textContent()).toContain('核验通过后才开始计时');
    expect(await dialog.textContent()).not.toContain('学时');
    await page.locator('[data-testid=face-consent-agree]').click();
    await page.locator('[data-testid=face-camera-open]').click();
    await page.locator('[data-testid=face-camera][data-ready=true]').waitFor();
    await save(page, 'exam-face-check-zh-375');
    await page.locator('[data-testid=face-start]').click();
    await dialog.waitFor({ state: 'detached', timeout: 60_000 });
    await page.locator('[data-testid=exam-countdown]').waitFor();
    const answers: Record<string, (item: ReturnType<Page['locator']>) => Promise<void>> = {
      单选题: (item) => item.locator('.ant-radio-wrapper', { hasText: '36 V' }).click(),
      判断题: (item) => item.locator('.ant-radio-wrapper', { hasText: '错' }).click(),
      填空题: (item) => item.locator('input').fill('瓦特'),
      简答题: (item) => item.locator('textarea').fill('停电，验电，装设接地线，悬挂标示牌并装设遮栏。'),
    };
    for (let i = 0; i < 4; i++) {
      const item = page.locator(`[data-testid=exam-item-${i}]`);
      const title = (await item.locator('.ant-card-head-title').textContent()) ?? '';
      const kind = Object.keys(answers).find((k) => title.includes(k))!;
      await answers[kind](item);
    }
    for (let i = 0; i < 4; i++)
      await page.locator(`[data-testid=exam-item-${i}] [data-testid=exam-item-saved]`).waitFor();
    await page.locator('[data-testid=exam-all-saved]').waitFor();
    // The bar stays on top while the page scrolls: pictures of the window, not of the whole page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await save(page, 'exam-take-zh-375');
    await page.locator('[data-testid=exam-item-3]').scrollIntoViewIfNeeded();
    await save(page, 'exam-take-answers-zh-375');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await save(page, 'exam-take-zh-1280');
    await page.locator('.yx-language-switch .ant-segmented-item').nth(1).click();
    await page.locator('[data-testid=exam-submit]', { hasText: 'Submit' }).waitFor();
    await save(page, 'exam-take-en-1280');
    await page.locator('[data-testid=exam-submit]').click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary, .ant-popconfirm-buttons .ant-btn-primary').click();
    await page.locator('[data-testid=exam-result]').waitFor();

    // The teacher grades the short answer; the assessor enters the practical score; the class closes.
    const teacher = await apiSignIn(server.baseUrl, '13900000031');
    const [pending] = (await ok('queue', teacher.call('GET', `/api/exams/${exam.id}/grading`))).items;
    await ok(
      'grade',
      teacher.call('POST', `/api/exam-attempts/${pending.attemptId}/answers/${pending.index}/grade`, { score: 32 }),
    );
    const { items } = await ok(
      'items',
      adminApi.call('PUT', `/api/classes/${classId}/practical-items`, {
        items: [{ title: '三相异步电动机正反转控制线路安装', maxScore: 100 }],
      }),
    );
    await ok(
      'practical',
      teacher.call('POST', `/api/classes/${classId}/practical-scores`, {
        learnerId,
        itemId: items[0].id,
        score: 86,
        evidenceMediaIds: [],
      }),
    );
    const db = new Database(path.join(server.varDir, 'yunxue.db'));
    try {
      // The practice day attended in full, and the class at its end date.
      const session = db
        .prepare('select id, starts_at, ends_at from class_sessions where class_id = ?')
        .get(classId) as {
        id: string;
        starts_at: string;
        ends_at: string;
      };
      db.prepare(
        `insert into attendance (id, class_id, session_id, user_id, check_in_at, check_in_latitude, check_in_longitude,
         check_in_photo_key, check_out_at, check_out_latitude, check_out_longitude, check_out_photo_key, minutes)
         values (?, ?, ?, ?, ?, 30.2741, 120.1551, 'attendance/e2e/in.jpg.enc', ?, 30.2741, 120.1551,
         'attendance/e2e/out.jpg.enc', ?)`,
      ).run(
        `e2e-${Date.now()}`,
        classId,
        session.id,
        learnerId,
        session.starts_at,
        session.ends_at,
        (Date.parse(session.ends_at) - Date.parse(session.starts_at)) / 60_000,
      );
      db.prepare('update classes set end_date = ? where id = ?').run(beijingDay(0), classId);
    } finally {
      db.close();
    }
    await ok('close', adminApi.call('POST', `/api/classes/${classId}/close`));

    // The learner downloads the PDF from their certificates; its QR code leads to the verify page.
    await page.goto('/certificates');
    const card = page.locator('[data-testid=certificate-card]');
    await card.waitFor();
    const number = (await card.locator('[data-testid=certificate-number]').textContent())!.trim();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.locator('[data-testid=certificate-download]').click(),
    ]);
    const pdf = path.join(work, 'certificate.pdf');
    await download.saveAs(pdf);
    execFileSync('pdftoppm', ['-png', '-r', '110', '-singlefile', pdf, path.join(shots, 'certificate-pdf-zh')]);
    const { data, info } = await sharp(readFileSync(path.join(shots, 'certificate-pdf-zh.png')))
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const qr = jsQR(new Uint8ClampedArray(data), info.width, info.height);
    expect(qr?.data).toBe(`${server.baseUrl}/verify/${number}`);
    await context.close();

    const verifier = await newContext(plain, { baseUrl: server.baseUrl, language: 'zh-CN', width: 375 });
    const verify = await verifier.newPage();
    await verify.goto(qr!.data);
    await expect.poll(() => verify.locator('[data-testid=verify-status]').textContent()).toBe('证书有效');
    await save(verify, 'verify-valid-zh-375', true);
    const regulator = await apiSignIn(server.baseUrl, '13900000014');
    const [issued] = (await ok('list', regulator.call('GET', `/api/certificates?q=${number}&page=1&pageSize=5`))).items;
    await ok(
      'revoke',
      regulator.call('POST', `/api/certificates/${issued.id}/revoke`, { reason: '考试替考，经核实撤销' }),
    );
    await verify.reload();
    await expect.poll(() => verify.locator('[data-testid=verify-status]').textContent()).toContain('撤销');
    await save(verify, 'verify-revoked-zh-375', true);
    await verifier.close();
    writeFileSync(path.join(work, 'done'), number);
  }, 180_000);
});
