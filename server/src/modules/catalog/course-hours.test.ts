import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAgainstStandard, courseHours } from './course-hours.js';

describe('course class hours', () => {
  it('counts probed video time and planned document time in class hours of the region', () => {
    const lessons = [
      { kind: 'video' as const, durationMs: 45 * 60_000, documentMinutes: null },
      { kind: 'video' as const, durationMs: 30 * 60_000, documentMinutes: null },
      { kind: 'document' as const, durationMs: null, documentMinutes: 15 },
    ];
    expect(courseHours(lessons, 45)).toEqual({ minutes: 90, classHours: 2, pendingLessons: 0 });
    expect(courseHours(lessons, 30).classHours).toBe(3);
  });

  it('does not count videos still being transcoded', () => {
    expect(courseHours([{ kind: 'video', durationMs: null, documentMinutes: null }], 45)).toEqual({
      minutes: 0,
      classHours: 0,
      pendingLessons: 1,
    });
  });

  it('never claims more class hours than the content holds (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 4 * 3600_000 }), { maxLength: 40 }),
        fc.integer({ min: 10, max: 60 }),
        (durations, hourMinutes) => {
          const hours = courseHours(
            durations.map((d) => ({ kind: 'video', durationMs: d, documentMinutes: null })),
            hourMinutes,
          );
          const totalMinutes = durations.reduce((a, b) => a + b, 0) / 60_000;
          return hours.classHours * hourMinutes <= totalMinutes + 1e-9;
        },
      ),
    );
  });

  it('flags a course below the online part of the standard', () => {
    const standard = { minHours: 84, maxOnlinePercent: 50 };
    const short = courseHours([{ kind: 'video', durationMs: 40 * 45 * 60_000, documentMinutes: null }], 45);
    expect(checkAgainstStandard(short, standard, 0.5)).toMatchObject({
      status: 'below',
      requiredOnlineHours: 42,
      courseHours: 40,
    });
    const enough = courseHours([{ kind: 'video', durationMs: 42 * 45 * 60_000, documentMinutes: null }], 45);
    expect(checkAgainstStandard(enough, standard, 0.5).status).toBe('met');
    // A stricter regional cap lowers the online part required of the course.
    expect(checkAgainstStandard(short, standard, 0.3)).toMatchObject({ status: 'met', requiredOnlineHours: 25.2 });
    expect(checkAgainstStandard(short, null, 0.5)).toEqual({ status: 'no_standard' });
  });
});
