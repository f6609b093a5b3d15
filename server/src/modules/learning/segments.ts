// Watched ground of a lesson as a sorted list of disjoint [start, end) intervals in milliseconds of the video.
// Progress is their union, so watching the same part twice counts once.

export type Segment = readonly [number, number];

/** Inserts a segment, merging overlapping and touching neighbours. */
export function addSegment(segments: readonly Segment[], [start, end]: Segment): Segment[] {
  if (end <= start) return [...segments];
  const out: Segment[] = [];
  let merged: [number, number] = [start, end];
  let placed = false;
  for (const [s, e] of segments) {
    if (e < merged[0]) out.push([s, e]);
    else if (s > merged[1]) {
      if (!placed) {
        out.push(merged);
        placed = true;
      }
      out.push([s, e]);
    } else merged = [Math.min(s, merged[0]), Math.max(e, merged[1])];
  }
  if (!placed) out.push(merged);
  return out;
}

/**
 * The union of two segment lists, as adding every segment of `more` to `base` one by one would give — in one pass
 * over both (each is sorted and disjoint), since the engine merges the committed and the held ground on every report.
 */
export function mergeSegments(base: readonly Segment[], more: readonly Segment[]): Segment[] {
  if (more.length === 0) return [...base];
  const out: Segment[] = [];
  let current: [number, number] | null = null;
  const take = ([s, e]: Segment) => {
    if (e <= s) return;
    if (current && s <= current[1]) current[1] = Math.max(current[1], e);
    else {
      if (current) out.push(current);
      current = [s, e];
    }
  };
  let i = 0;
  let j = 0;
  while (i < base.length || j < more.length) {
    if (j >= more.length || (i < base.length && base[i][0] <= more[j][0])) take(base[i++]);
    else take(more[j++]);
  }
  if (current) out.push(current);
  return out;
}

export function measure(segments: readonly Segment[]): number {
  return segments.reduce((sum, [s, e]) => sum + (e - s), 0);
}

/** How much of `segment` is not yet covered. */
export function uncovered(segments: readonly Segment[], segment: Segment): number {
  return measure(addSegment(segments, segment)) - measure(segments);
}

/** Trims `segment` so that at most `budget` ms of it are new ground; returns the trimmed segment. */
export function trimToNewGround(segments: readonly Segment[], [start, end]: Segment, budget: number): Segment {
  if (budget <= 0) return [start, start];
  if (uncovered(segments, [start, end]) <= budget) return [start, end];
  // Walk forward: new ground accumulates in the gaps between covered parts.
  let cursor = start;
  let left = budget;
  for (const [s, e] of segments) {
    if (e <= cursor) continue;
    if (s >= end) break;
    const gap = Math.max(0, Math.min(s, end) - cursor);
    if (gap >= left) return [start, cursor + left];
    left -= gap;
    cursor = Math.max(cursor, e);
    if (cursor >= end) return [start, end];
  }
  return [start, Math.min(end, cursor + left)];
}

/** The furthest point watched so far: the end of the last segment. */
export function frontierOf(segments: readonly Segment[]): number {
  return segments.length ? segments[segments.length - 1][1] : 0;
}

/** The parts of `segments` not covered by `cover`. */
export function subtract(segments: readonly Segment[], cover: readonly Segment[]): Segment[] {
  let out: Segment[] = [];
  for (const [s, e] of segments) {
    let pieces: Segment[] = [[s, e]];
    for (const [cs, ce] of cover) {
      pieces = pieces.flatMap(([ps, pe]): Segment[] =>
        ce <= ps || cs >= pe
          ? [[ps, pe]]
          : (
              [
                [ps, cs],
                [ce, pe],
              ] as Segment[]
            ).filter(([a, b]) => b > a),
      );
    }
    for (const piece of pieces) out = addSegment(out, piece);
  }
  return out;
}
