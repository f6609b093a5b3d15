// Pure statistics for `npm run calibrate:faces`: distributions of pair distances and the threshold between them.

export type Distribution = { count: number; min: number; p5: number; median: number; p95: number; max: number };

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

export function distribution(values: readonly number[]): Distribution {
  if (values.length === 0) throw new Error('No values');
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    min: sorted[0],
    p5: percentile(sorted, 5),
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1],
  };
}

export type ThresholdChoice = {
  threshold: number;
  method: 'midpoint' | 'equal-error';
  /** Distance from the threshold to the nearest pair on the wrong side's edge (midpoint), or 0 when they overlap. */
  margin: number;
  /** Share of same-person pairs above the threshold (refused) and different-person pairs at or under it (accepted). */
  falseRejectRate: number;
  falseAcceptRate: number;
};

/**
 * When the two distributions do not overlap, the threshold is midway between the largest same-person distance and
 * the smallest different-person distance, and the margin is half that gap. When they overlap, it is the point where
 * false rejects and false accepts are closest to equal (ties broken towards fewer false accepts).
 */
export function chooseThreshold(same: readonly number[], different: readonly number[]): ThresholdChoice {
  if (same.length === 0 || different.length === 0)
    throw new Error('Both same-person and different-person pairs are needed');
  const sameMax = Math.max(...same);
  const differentMin = Math.min(...different);
  if (sameMax < differentMin) {
    return {
      threshold: (sameMax + differentMin) / 2,
      method: 'midpoint',
      margin: (differentMin - sameMax) / 2,
      falseRejectRate: 0,
      falseAcceptRate: 0,
    };
  }
  const rates = (t: number) => ({
    frr: same.filter((d) => d > t).length / same.length,
    far: different.filter((d) => d <= t).length / different.length,
  });
  let best: { t: number; frr: number; far: number } | null = null;
  for (const t of [...same, ...different].sort((a, b) => a - b)) {
    const { frr, far } = rates(t);
    if (
      !best ||
      Math.abs(frr - far) < Math.abs(best.frr - best.far) ||
      (Math.abs(frr - far) === Math.abs(best.frr - best.far) && far < best.far)
    )
      best = { t, frr, far };
  }
  return {
    threshold: best!.t,
    method: 'equal-error',
    margin: 0,
    falseRejectRate: best!.frr,
    falseAcceptRate: best!.far,
  };
}
