import { describe, expect, it } from 'vitest';
import { detectConcurrentLessons } from './concurrent-lessons.js';
import { Recorder, T0, thresholds } from './testkit.js';

const MIN = 60_000;

describe('concurrent lessons', () => {
  it('flags lessons that kept reporting while another one replaced them, three times within an hour', () => {
    const r = new Recorder();
    let at = T0;
    for (let i = 0; i < 4; i++) {
      r.start(`s${i}`, at, { lessonId: `lesson-${i % 2}`, deviceId: i % 2 ? 'device-b' : 'device-a' });
      at = r.play(`s${i}`, at, 5);
      // The next start comes while this one is still reporting (10 s after its last report).
      r.supersede(`s${i}`, at + 10_000, `s${i + 1}`, {
        lessonId: `lesson-${(i + 1) % 2}`,
        deviceId: (i + 1) % 2 ? 'device-b' : 'device-a',
      });
      at += 10_000;
    }
    const [finding, ...rest] = detectConcurrentLessons(r.digest(), thresholds());
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      kind: 'concurrent_lessons',
      userId: 'u1',
      classId: 'class-1',
      severity: 'medium',
      windowKey: '2026-11-24',
      facts: { replacements: 4, devices: 2 },
    });
    expect(finding.evidence).toHaveLength(4);
    expect(finding.sessionIds).toEqual(expect.arrayContaining(['s0', 's1', 's2', 's3', 's4']));
  });

  it('ignores replacements of lessons that had stopped reporting, the same lesson reopened on the same device, and too few', () => {
    const r = new Recorder();
    let at = T0;
    for (let i = 0; i < 5; i++) {
      r.start(`s${i}`, at, { lessonId: `lesson-${i}` });
      at = r.play(`s${i}`, at, 5);
      // The tab was closed without ending the session: the next start comes ten minutes after the last report.
      r.supersede(`s${i}`, at + 10 * MIN, `s${i + 1}`, { lessonId: `lesson-${i + 1}` });
      at += 10 * MIN;
    }
    const same = new Recorder('u2');
    let t = T0;
    for (let i = 0; i < 5; i++) {
      same.start(`r${i}`, t, { lessonId: 'lesson-1' });
      t = same.play(`r${i}`, t, 2);
      same.supersede(`r${i}`, t + 1000, `r${i + 1}`, { lessonId: 'lesson-1', deviceId: 'device-1' });
    }
    // One page left open while the learner moves to the phone: once is ordinary.
    const once = new Recorder('u3');
    once.start('a', T0, { lessonId: 'lesson-1', deviceId: 'pc' });
    const end = once.play('a', T0, 3);
    once.supersede('a', end + 5000, 'b', { lessonId: 'lesson-1', deviceId: 'phone' });
    once.start('b', end + 5000, { lessonId: 'lesson-1', deviceId: 'phone' });
    const end2 = once.play('b', end + 5000, 70);
    expect(detectConcurrentLessons(r.digest(), thresholds())).toEqual([]);
    expect(detectConcurrentLessons(same.digest(), thresholds())).toEqual([]);
    expect(detectConcurrentLessons(once.digest(), thresholds())).toEqual([]);
    // Back to the computer more than an hour later: still two single moves.
    once.supersede('b', end2 + 5000, 'c', { lessonId: 'lesson-2', deviceId: 'pc' });
    expect(detectConcurrentLessons(once.digest(), thresholds())).toEqual([]);
    // Twice within the hour is flagged, low; the policy can ask for more.
    const twice = new Recorder('u4');
    twice.start('a', T0, { lessonId: 'lesson-1' });
    const t1 = twice.play('a', T0, 3);
    twice.supersede('a', t1 + 5000, 'b', { lessonId: 'lesson-2' });
    twice.start('b', t1 + 5000, { lessonId: 'lesson-2' });
    const t2 = twice.play('b', t1 + 5000, 3);
    twice.supersede('b', t2 + 5000, 'c', { lessonId: 'lesson-3' });
    expect(detectConcurrentLessons(twice.digest(), thresholds())).toMatchObject([
      { severity: 'low', facts: { replacements: 2 } },
    ]);
    expect(detectConcurrentLessons(twice.digest(), thresholds({ concurrentMinSupersessions: 3 }))).toEqual([]);
  });
});
