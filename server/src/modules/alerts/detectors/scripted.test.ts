import { describe, expect, it } from 'vitest';
import { detectScripted } from './scripted.js';
import { BROWSER_UA, Recorder, T0, thresholds } from './testkit.js';

const video = { lessonMedia: new Map([['lesson-1', 'video' as const]]) };
// A person's browser: timer jitter of a few milliseconds, the media clock a little off the page clock.
const jitter = (i: number) => ((i * 7919) % 9) - 4;
const mediaClock = (i: number) => ((i * 104_729) % 61) - 30;

function person(r: Recorder, sessionId: string, from: number) {
  r.start(sessionId, from, { userAgent: BROWSER_UA, webdriver: false });
  return r.play(sessionId, from, 30, { jitter, positionJitter: mediaClock });
}

describe('scripted players', () => {
  const t = thresholds();

  it('leaves a person watching in a browser alone, with human answer delays', () => {
    const r = new Recorder();
    const end = person(r, 's1', T0);
    r.issue('s1', T0 + 5 * 60_000, 'c1');
    r.answer('s1', T0 + 5 * 60_000 + 6_200, 'c1');
    r.issue('s1', T0 + 15 * 60_000, 'c2');
    r.answer('s1', T0 + 15 * 60_000 + 3_100, 'c2');
    r.issue('s1', T0 + 25 * 60_000, 'c3');
    r.answer('s1', T0 + 25 * 60_000 + 1_900, 'c3');
    r.issue('s1', T0 + 28 * 60_000, 'c4');
    r.answer('s1', T0 + 28 * 60_000 + 2_050, 'c4');
    expect(end).toBeGreaterThan(T0);
    expect(detectScripted(r.digest(video), t)).toEqual([]);
  });

  it('flags a webdriver flag and a headless or library user agent', () => {
    const r = new Recorder();
    r.start('s1', T0, { webdriver: true });
    r.start('s2', T0 + 3_600_000, {
      userAgent:
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
    });
    r.start('s3', T0 + 7_200_000, { userAgent: 'python-requests/2.32.3' });
    const [f] = detectScripted(r.digest(video), t);
    expect(f).toMatchObject({
      kind: 'scripted_player',
      severity: 'medium',
      facts: { signals: ['automation'], sessions: 3 },
    });
  });

  it('flags a forged client clock and positions that follow the page clock exactly', () => {
    const r = new Recorder();
    r.start('s1', T0);
    r.play('s1', T0, 20, { jitter: (i) => (i % 3) * 37, forgedClock: true }); // sent late by the network, but the forged clock says exactly 20 s
    const [f] = detectScripted(r.digest(video), t);
    expect(f.facts.signals).toEqual(['clock_positions', 'forged_clock']);
    expect(f.severity).toBe('high');
    // A document's reading timer runs on the page clock by design: the position signal is for videos only.
    const doc = detectScripted(r.digest({ lessonMedia: new Map([['lesson-1', 'document' as const]]) }), t);
    expect(doc[0].facts.signals).toEqual(['forged_clock']);
  });

  it('does not flag positions that follow the page clock when nothing else is scripted (a real silent video in Chromium)', () => {
    const r = new Recorder();
    r.start('s1', T0);
    // A person's timer jitters by milliseconds, and the silent video's position follows the same clock exactly.
    r.play('s1', T0, 20, { jitter: (i) => ((i * 7) % 5) * 11 });
    expect(detectScripted(r.digest(video), t)).toEqual([]);
  });

  it('flags checks answered faster than a person reads, and answers all after the same delay', () => {
    const fast = new Recorder();
    person(fast, 's1', T0);
    fast.issue('s1', T0 + 5 * 60_000, 'c1');
    fast.answer('s1', T0 + 5 * 60_000 + 1400, 'c1');
    fast.issue('s1', T0 + 12 * 60_000, 'c2');
    fast.answer('s1', T0 + 12 * 60_000 + 1300, 'c2');
    expect(detectScripted(fast.digest(video), t)).toEqual([]);
    fast.issue('s1', T0 + 21 * 60_000, 'c3');
    fast.answer('s1', T0 + 21 * 60_000 + 1100, 'c3');
    expect(detectScripted(fast.digest(video), t)[0].facts.signals).toEqual(['fast_answers']);
    // Two answers under a second are enough.
    const bot = new Recorder();
    person(bot, 's1', T0);
    bot.issue('s1', T0 + 5 * 60_000, 'c1');
    bot.answer('s1', T0 + 5 * 60_000 + 400, 'c1');
    expect(detectScripted(bot.digest(video), t)).toEqual([]);
    bot.issue('s1', T0 + 12 * 60_000, 'c2');
    bot.answer('s1', T0 + 12 * 60_000 + 800, 'c2');
    expect(detectScripted(bot.digest(video), t)[0].facts.signals).toEqual(['fast_answers']);
    const steady = new Recorder();
    person(steady, 's1', T0);
    [5, 11, 18, 26, 29].forEach((m, i) => {
      steady.issue('s1', T0 + m * 60_000, `c${i}`);
      steady.answer('s1', T0 + m * 60_000 + 3000 + i * 40, `c${i}`);
    });
    expect(detectScripted(steady.digest(video), t)[0].facts.signals).toEqual(['constant_answers']);
    const once = new Recorder();
    person(once, 's1', T0);
    once.issue('s1', T0 + 5 * 60_000, 'c1');
    once.answer('s1', T0 + 5 * 60_000 + 900, 'c1');
    expect(detectScripted(once.digest(video), t)).toEqual([]);
  });

  it('counts only the checks the server scheduled: the end-of-lesson, asked-for and retried ones are expected', () => {
    // A quick typist: three answers under 1.5 s, but only one to a check that came as a surprise.
    const typist = new Recorder();
    person(typist, 's1', T0);
    typist.issue('s1', T0 + 3 * 60_000, 'c1');
    typist.answer('s1', T0 + 3 * 60_000 + 1300, 'c1');
    typist.issue('s1', T0 + 10 * 60_000, 'c2', 'code', { retryOf: 'c1' });
    typist.answer('s1', T0 + 10 * 60_000 + 1200, 'c2');
    typist.issue('s1', T0 + 29 * 60_000, 'c3', 'code', { lessonEnd: true });
    typist.answer('s1', T0 + 29 * 60_000 + 1250, 'c3');
    typist.issue('s1', T0 + 30 * 60_000, 'c4', 'code', { final: true });
    typist.answer('s1', T0 + 30 * 60_000 + 900, 'c4');
    expect(detectScripted(typist.digest(video), t)).toEqual([]);
    // The same delays on scheduled checks are a tool's.
    const tool = new Recorder();
    person(tool, 's1', T0);
    [3, 10, 20].forEach((m, i) => {
      tool.issue('s1', T0 + m * 60_000, `c${i}`);
      tool.answer('s1', T0 + m * 60_000 + 1200 + i * 50, `c${i}`);
    });
    expect(detectScripted(tool.digest(video), t)[0].facts.signals).toEqual(['fast_answers']);
  });

  it('flags repeated impossible positions', () => {
    const r = new Recorder();
    person(r, 's1', T0);
    for (let i = 0; i < 3; i++)
      r.beat('s1', T0 + 40 * 60_000 + i * 1000, { positionMs: 99_000_000, refused: 'bad_position' });
    expect(detectScripted(r.digest(video), t)[0].facts.signals).toEqual(['impossible_positions']);
  });
});
