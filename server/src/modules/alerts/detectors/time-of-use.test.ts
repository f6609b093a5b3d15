import { describe, expect, it } from 'vitest';
import { detectAllNight, detectCapOverrun, detectSeekAhead } from './time-of-use.js';
import { Recorder, thresholds } from './testkit.js';

const MIN = 60_000;
const at = (iso: string) => Date.parse(iso);

describe('daily cap overrun', () => {
  it('flags a page that keeps playing half an hour past the cap, and not one stopped within minutes', () => {
    const r = new Recorder();
    r.start('s1', at('2026-11-24T06:00:00Z'));
    const end = r.play('s1', at('2026-11-24T06:00:00Z'), 60);
    r.play('s1', end, 40, { reason: 'daily_cap' });
    expect(detectCapOverrun(r.digest(), thresholds())).toMatchObject([
      { kind: 'cap_overrun', severity: 'low', facts: { minutesAfterCap: 40 } },
    ]);
    const p = new Recorder();
    p.start('s1', at('2026-11-24T06:00:00Z'));
    p.play('s1', p.play('s1', at('2026-11-24T06:00:00Z'), 60), 5, { reason: 'daily_cap' });
    expect(detectCapOverrun(p.digest(), thresholds())).toEqual([]);
  });
});

describe('all-night learning', () => {
  it('flags four hours of playing between midnight and six in Beijing, and not an evening or a short night', () => {
    const r = new Recorder();
    const start = at('2026-11-23T16:30:00Z'); // 00:30 CST on the 24th
    r.start('s1', start);
    r.play('s1', start, 260);
    expect(detectAllNight(r.digest(), thresholds())).toMatchObject([{ kind: 'all_night', windowKey: '2026-11-24' }]);
    const evening = new Recorder();
    const six = at('2026-11-24T10:00:00Z'); // 18:00 CST
    evening.start('s1', six);
    evening.play('s1', six, 300);
    const owl = new Recorder();
    const late = at('2026-11-23T17:00:00Z'); // 01:00 CST
    owl.start('s1', late);
    owl.play('s1', late, 120);
    expect(detectAllNight(evening.digest(), thresholds())).toEqual([]);
    expect(detectAllNight(owl.digest(), thresholds())).toEqual([]);
  });
});

describe('seeking ahead', () => {
  it('flags eight attempts within an hour and leaves a few, or many spread over a day, alone', () => {
    const r = new Recorder();
    const start = at('2026-11-24T02:00:00Z');
    r.start('s1', start);
    for (let i = 0; i < 12; i++)
      r.beat('s1', start + i * MIN, { positionMs: 600_000 + i, reason: i % 2 ? 'skipped_ahead' : 'ahead_of_frontier' });
    expect(detectSeekAhead(r.digest(), thresholds())).toMatchObject([
      { kind: 'seek_ahead', facts: { attempts: 12, inAnHour: 12 } },
    ]);
    const p = new Recorder();
    p.start('s1', start);
    for (let i = 0; i < 4; i++) p.beat('s1', start + i * MIN, { positionMs: 600_000, reason: 'skipped_ahead' });
    expect(detectSeekAhead(p.digest(), thresholds())).toEqual([]);
    const spread = new Recorder();
    spread.start('s1', start);
    for (let i = 0; i < 12; i++)
      spread.beat('s1', start + i * 70 * MIN, { positionMs: 600_000, reason: 'skipped_ahead' });
    expect(detectSeekAhead(spread.digest(), thresholds())).toEqual([]);
  });
});
