import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestPlatform, DEMO, login, type TestPlatform } from '../../testing/platform.js';
import { DEMO_CONTENT_JOB } from './demo-content.js';
import { MEDIA_JOB } from '../../modules/media/index.js';

// A newcomer's first minutes: the demo content job creates courses with real videos, and once a video's transcoding
// job has run its lesson plays (MP4 with Range) with the duration the server probed.

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform({ demoContent: true });
  expect(await p.services.jobs.drain({ type: DEMO_CONTENT_JOB })).toBe(1);
}, 120_000);
afterAll(async () => {
  await p?.drop();
});

describe('demo content', () => {
  it('publishes platform general-module courses and institution courses, searchable at once', async () => {
    const all = (await call(p, null, 'GET', '/api/catalog/courses?pageSize=100')).body;
    expect(all.total).toBeGreaterThanOrEqual(9);
    const general = (await call(p, null, 'GET', '/api/catalog/general-modules?region=330106')).body.items;
    expect(general.filter((g: any) => g.required).every((g: any) => g.courses.length === 1)).toBe(true);
    const electric = (await call(p, null, 'GET', `/api/catalog/courses?q=${encodeURIComponent('电工')}`)).body.items;
    expect(electric.length).toBe(2);
    expect(electric.every((c: any) => c.occupationCode === '6-31-01-03')).toBe(true);
    // The elderly-care category is free in Zhejiang during the demo campaign, not elsewhere.
    const elderly = (await call(p, null, 'GET', `/api/catalog/courses?q=${encodeURIComponent('养老')}&region=330106`))
      .body.items;
    expect(elderly.length).toBeGreaterThan(0);
    expect(elderly.every((c: any) => c.free)).toBe(true);
    expect(
      (await call(p, null, 'GET', '/api/catalog/columns?region=330106')).body.items[0].courses.length,
    ).toBeGreaterThan(0);
  });

  it('plays a lesson once its transcoding job has run, with the probed duration', async () => {
    // The first video uploaded is the first transcoded (jobs run oldest first): the law module's overview.
    const [course] = (await call(p, null, 'GET', `/api/catalog/courses?q=${encodeURIComponent('法律法规')}`)).body
      .items;
    const before = (await call(p, null, 'GET', `/api/catalog/courses/${course.id}`)).body.course;
    const lesson = before.chapters.flatMap((c: any) => c.lessons).find((l: any) => l.kind === 'video');
    expect(lesson.mediaStatus).toBe('processing');
    expect(before.pendingLessons).toBe(1);
    const learner = await login(p, DEMO.learnerA);
    const early = await p.app.inject({
      method: 'GET',
      url: `/api/media/${lesson.mediaId}/video.mp4`,
      headers: { cookie: learner.cookie },
    });
    expect(early.statusCode).toBe(409);

    expect(await p.services.jobs.drain({ type: MEDIA_JOB, limit: 1 })).toBe(1);
    const after = (await call(p, null, 'GET', `/api/catalog/courses/${course.id}`)).body.course;
    const ready = after.chapters.flatMap((c: any) => c.lessons).find((l: any) => l.id === lesson.id);
    expect(ready.mediaStatus).toBe('ready');
    expect(ready.durationSeconds).toBeCloseTo(600, 0);
    expect(after.pendingLessons).toBe(0);
    // The 10-minute video (a lesson of realistic length, so checks occur in it) plus the 20-minute handbook, reported
    // to a tenth of a minute.
    expect(after.minutes).toBeGreaterThanOrEqual(29.9);
    expect(after.minutes).toBeLessThanOrEqual(30.1);

    const res = await p.app.inject({
      method: 'GET',
      url: `/api/media/${lesson.mediaId}/video.mp4`,
      headers: { cookie: learner.cookie, range: 'bytes=0-99' },
    });
    expect(res.statusCode).toBe(206);
    expect(res.rawPayload.length).toBe(100);
    expect(res.rawPayload.subarray(4, 8).toString('latin1')).toBe('ftyp');
  }, 120_000);
});
