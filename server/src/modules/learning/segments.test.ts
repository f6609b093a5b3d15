import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addSegment, mergeSegments, type Segment } from './segments.js';

// Ground as the engine builds it: segments added one at a time (sorted, disjoint, touching ones merged).
const ground = fc
  .array(
    fc
      .tuple(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 400 }))
      .map(([s, len]): Segment => [s, s + len]),
    { maxLength: 40 },
  )
  .map((segments) => segments.reduce<Segment[]>((acc, s) => addSegment(acc, s), []));

describe('mergeSegments', () => {
  it('is the ground of adding every segment of the second list to the first, one by one', () => {
    fc.assert(
      fc.property(ground, ground, (base, more) => {
        const oneByOne = more.reduce<Segment[]>((acc, s) => addSegment(acc, s), [...base]);
        expect(mergeSegments(base, more)).toEqual(oneByOne);
        expect(mergeSegments(more, base)).toEqual(oneByOne);
      }),
      { numRuns: 500 },
    );
  });

  it('merges touching and overlapping neighbours across the lists and leaves its arguments alone', () => {
    const base: Segment[] = [
      [0, 10],
      [20, 30],
      [50, 60],
    ];
    const more: Segment[] = [
      [10, 15],
      [25, 40],
      [70, 80],
    ];
    expect(mergeSegments(base, more)).toEqual([
      [0, 15],
      [20, 40],
      [50, 60],
      [70, 80],
    ]);
    expect(base).toEqual([
      [0, 10],
      [20, 30],
      [50, 60],
    ]);
    expect(mergeSegments([], [])).toEqual([]);
  });
});
