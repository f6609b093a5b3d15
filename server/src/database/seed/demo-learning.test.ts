import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAllChains } from '../../modules/learning/index.js';
import { call, createTestPlatform, DEMO, login, type TestPlatform } from '../../testing/platform.js';
import { DEMO_CONTENT_JOB } from './demo-content.js';

// The demo learning history behind the consoles: valid evidence chains, figures on the dashboards of both cities,
// and a learner's trace with face checks.

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform({ demoContent: true });
  expect(await p.services.jobs.drain({ type: DEMO_CONTENT_JOB })).toBe(1);
}, 180_000);
afterAll(async () => {
  await p?.drop();
});

describe('demo learning history', () => {
  it('writes sessions whose evidence chains verify and which the dashboards and the trace show', async () => {
    const { broken, records, learners } = await verifyAllChains(p.database.db);
    // Twelve learners of the two classes with learning history, and the certified learner of the closed class
    // (demo-exams.ts).
    expect(learners).toBe(13);
    expect(records).toBeGreaterThan(500);
    expect(broken).toEqual([]);
    await p.services.stats.rollup.run({ lagMs: 0 });
    for (const phone of [DEMO.hangzhouRegulator, DEMO.ningboRegulator]) {
      const { dashboard } = (await call(p, await login(p, phone), 'GET', '/api/stats/dashboard')).body;
      expect(dashboard.cards.creditedHoursTotal).toBeGreaterThan(0);
      expect(dashboard.trend.filter((d: { activeLearners: number }) => d.activeLearners > 0).length).toBeGreaterThan(5);
    }
    const regulator = await login(p, DEMO.xihuRegulator);
    const found = (await call(p, regulator, 'GET', '/api/trace/learners?q=13800000005')).body.items;
    const { timeline } = (await call(p, regulator, 'GET', `/api/trace/learners/${found[0].id}`)).body;
    expect(timeline.sessions.length).toBeGreaterThan(3);
    expect(timeline.sessions.some((s: { faceChecks: unknown[] }) => s.faceChecks.length > 0)).toBe(true);
  });
});
