// Screenshots of the consequence pages (seed 001): recovery orders (the institution's read-only list, the regulator's
// detail drawer with its actions) and the credit record (the institution's own, the public restriction list, the
// regulator's view with the false-materials form).
// Run: npm run --silent build:web && npx tsx e2e/consequences-screens.ts
//
// The orders and credit events are written straight into the server's SQLite database, as a confirmed finding leaves
// them (server/src/modules/subsidies/consequences.test.ts drives the real path through the alert workflow).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { launchBrowser, newContext } from './helpers/browser';
import { prepareClassWorld } from './helpers/classes';
import { createApprovedClass, XIHU_REGULATOR } from './helpers/class-screens';
import { repoRoot, startServer } from './helpers/server';
import { signIn } from './helpers/ui';

const outDir = path.join(repoRoot, 'docs/screenshots');

async function save(page: Page, name: string, fullPage = true): Promise<void> {
  await page.mouse.move(0, 0);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(400); // antd motion
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage });
  console.log(`saved docs/screenshots/${name}.png`);
}

const server = await startServer();
const browser = await launchBrowser();
try {
  const world = await prepareClassWorld(server.baseUrl);
  const classId = await createApprovedClass(server.baseUrl, world, '电工（五级）2027 年第 6 期', 3);
  const roster = await world.admin.call<{ items: { userId: string; name: string }[] }>(
    'GET',
    `/api/classes/${classId}/enrolments?page=1&pageSize=10`,
  );
  const learners = roster.body.items;
  if (learners.length < 3) throw new Error(`roster: ${JSON.stringify(roster.body)}`);
  const db = new Database(path.join(server.varDir, 'yunxue.db'));
  // The orders stand alone here (no claim lines behind them): the picture is of the pages, not of the ledger.
  db.pragma('foreign_keys = OFF');
  const klass = db.prepare('select institution_id, region_code from classes where id = ?').get(classId) as {
    institution_id: string;
    region_code: string;
  };
  const regulator = db.prepare("select id from users where role = 'regulator' limit 1").get() as { id: string };
  const day = 86_400_000;
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const orders = [
    { learner: learners[0], payer: 'institution', amount: 47_500, recovered: 0, status: 'open', due: now - 2 * day },
    {
      learner: learners[1],
      payer: 'learner',
      amount: 20_000,
      recovered: 5_000,
      status: 'partly_recovered',
      due: now + 20 * day,
    },
    {
      learner: learners[2],
      payer: 'institution',
      amount: 47_500,
      recovered: 47_500,
      status: 'recovered',
      due: now + 20 * day,
    },
  ];
  const insertOrder = db.prepare(
    `insert into subsidy_recovery_orders (id, line_id, claim_id, class_id, institution_id, region_code, alert_id, payer,
      learner_id, learner_name, amount_fen, recovered_fen, status, reason, due_at, overdue_at, created_by, created_at,
      updated_at, closed_at) values (?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    'insert into subsidy_recovery_events (id, order_id, action, amount_fen, reason, actor_id, at) values (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const o of orders) {
    const id = randomUUID();
    const opened = iso(now - 30 * day);
    insertOrder.run(
      id,
      randomUUID(),
      randomUUID(),
      classId,
      klass.institution_id,
      klass.region_code,
      o.payer,
      o.learner.userId,
      o.learner.name,
      o.amount,
      o.recovered,
      o.status,
      '核实：他人代学，人脸比对不一致',
      iso(o.due),
      o.due < now ? iso(now - day) : null,
      regulator.id,
      opened,
      opened,
      o.status === 'recovered' ? iso(now - day) : null,
    );
    insertEvent.run(randomUUID(), id, 'opened', o.amount, '核实：他人代学，人脸比对不一致', regulator.id, opened);
    if (o.recovered > 0)
      insertEvent.run(
        randomUUID(),
        id,
        'recovered',
        o.recovered,
        '收到退款（银行回单 2027-0315）',
        regulator.id,
        iso(now - 3 * day),
      );
    if (o.due < now) insertEvent.run(randomUUID(), id, 'overdue', o.amount, 'due date passed', null, iso(now - day));
  }
  const insertCredit = db.prepare(
    `insert into institution_credit_events (id, institution_id, region_code, kind, severity, ref_type, ref_id, reason,
      recorded_by, occurred_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const [kind, severity, reason, ago, by] of [
    ['fraud_confirmed', 'severe', '核实：机构组织集中代学', 40, null],
    ['recovery_opened', 'major', '核实：他人代学，人脸比对不一致', 30, null],
    ['false_materials', 'major', '开班申报材料中的实训场地租赁合同系伪造', 10, regulator.id],
    ['fraud_confirmed', 'minor', '核实：学员挂机刷课', 400, null],
  ] as const)
    insertCredit.run(
      randomUUID(),
      klass.institution_id,
      klass.region_code,
      kind,
      severity,
      ago === 400 ? 'alert' : 'record',
      randomUUID(),
      reason,
      by,
      iso(now - ago * day),
    );
  db.close();

  for (const [language, width] of [
    ['zh-CN', 1280],
    ['zh-CN', 375],
    ['en', 1280],
  ] as const) {
    const suffix = `${language === 'en' ? 'en' : 'zh'}-${width}`;
    const context = await newContext(browser, { baseUrl: server.baseUrl, language, width });
    const page = await context.newPage();
    await signIn(page, '13900000021');
    await page.goto('/recovery-orders');
    await page.locator('.ant-table-row').first().waitFor();
    await save(page, `recovery-orders-${suffix}`);
    await page.goto('/credit');
    await page.locator('.ant-statistic').waitFor();
    await save(page, `credit-record-${suffix}`);
    await context.close();
  }

  for (const width of [1280, 375]) {
    const context = await newContext(browser, { baseUrl: server.baseUrl, language: 'zh-CN', width });
    const page = await context.newPage();
    await signIn(page, XIHU_REGULATOR);
    await page.goto('/recovery-orders');
    // The overdue open order: its drawer offers the regulator's two actions.
    await page.locator('.ant-table-row', { hasText: '待追回' }).click();
    await page.locator('.ant-drawer .ant-timeline').waitFor();
    await save(page, `recovery-order-regulator-zh-${width}`, false);
    await page.goto('/credit');
    await page.locator('.ant-table-row').first().waitFor();
    await save(page, `credit-restrictions-zh-${width}`);
    await page.locator('.ant-table-row a').first().click();
    await page.locator('.ant-statistic').waitFor();
    await save(page, `credit-record-regulator-zh-${width}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
