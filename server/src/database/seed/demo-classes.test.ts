import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestPlatform, DEMO, login, type TestPlatform } from '../../testing/platform.js';
import { beijingDate } from '../../platform/time.js';
import { DEMO_CONTENT_JOB } from './demo-content.js';
import { MEDIA_JOB } from '../../modules/media/index.js';

// Issue 19 item 8: the demo world keeps its own rules. Every approved demo class — the one running now with learner
// 13800000001, the one open to self-enrolment, the two with learning history — passes the pre-checks a reviewer sees
// (dates as of the decision, courses ready, hours against the standard, online share, general modules, practice
// sessions, a qualified teacher, real-name learners, no overlap), once the demo videos are transcoded. And the demo
// lessons are of realistic length, so the learning engine's checks occur in them.

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform({ demoContent: true });
  expect(await p.services.jobs.drain({ type: DEMO_CONTENT_JOB })).toBe(1);
  // Every demo video transcoded, as on a first start a few minutes later.
  await p.services.jobs.drain({ type: MEDIA_JOB });
}, 600_000);
afterAll(async () => {
  await p?.drop();
});

describe('the demo world', () => {
  it('has approved classes that pass their own pre-checks, the running one included', async () => {
    const classes = await p.database.db
      .selectFrom('classes')
      .select(['id', 'name', 'start_date', 'end_date', 'region_code'])
      .where('status', '=', 'approved')
      .execute();
    expect(classes.length).toBeGreaterThanOrEqual(4);
    const today = beijingDate(p.clock.now());
    expect(classes.some((c) => c.start_date < today && c.end_date > today)).toBe(true);
    const regulators = { '330106': await login(p, DEMO.xihuRegulator), '330203': await login(p, DEMO.haishuRegulator) };
    for (const c of classes) {
      const reviewer = regulators[c.region_code as keyof typeof regulators];
      const res = await call(p, reviewer, 'GET', `/api/classes/${c.id}/prechecks`);
      expect(res.status).toBe(200);
      const failed = (res.body.items as { key: string; passed: boolean; reason: string }[])
        .filter((i) => !i.passed)
        .map((i) => `${i.key}:${i.reason}`);
      // The class open to self-enrolment has no learners until someone joins (the pre-check says so); nothing else.
      expect(failed, c.name).toEqual(c.start_date > today ? ['learners:none'] : []);
    }
  });

  it('has video lessons of 10 to 20 minutes', async () => {
    const videos = await p.database.db
      .selectFrom('lessons')
      .innerJoin('media', 'media.id', 'lessons.media_id')
      .select(['lessons.title', 'media.duration_ms', 'media.status'])
      .where('lessons.kind', '=', 'video')
      .execute();
    expect(videos.length).toBeGreaterThan(10);
    for (const v of videos) {
      expect(v.status, v.title).toBe('ready');
      expect(Number(v.duration_ms), v.title).toBeGreaterThanOrEqual(10 * 60_000 - 1000);
      expect(Number(v.duration_ms), v.title).toBeLessThanOrEqual(20 * 60_000 + 1000);
    }
  });
});
