import { describe, expect, it } from 'vitest';
import { detectClassCluster, type LearnerAlertFact } from './class-cluster.js';

const alert = (i: number, severity: LearnerAlertFact['severity'] = 'medium', status = 'open'): LearnerAlertFact => ({
  alertId: `a${i}`,
  userId: `u${i}`,
  kind: 'group_ip',
  severity,
  status,
  at: i,
});

describe('class clusters', () => {
  it('makes the class the subject when five learners and a fifth of the roster are flagged', () => {
    const [f] = detectClassCluster(
      'c1',
      20,
      [0, 1, 2, 3, 4].map((i) => alert(i)),
      'week:2026-11-23',
    );
    expect(f).toMatchObject({
      kind: 'class_cluster',
      subject: { type: 'class', id: 'c1' },
      severity: 'medium',
      facts: { learners: 5, share: 0.25, kinds: { group_ip: 5 } },
    });
    expect(f.evidence).toHaveLength(5);
  });

  it('ignores low, dismissed, too few and too small a share', () => {
    expect(
      detectClassCluster(
        'c1',
        20,
        [0, 1, 2, 3].map((i) => alert(i)),
        'w',
      ),
    ).toEqual([]);
    expect(
      detectClassCluster(
        'c1',
        100,
        [0, 1, 2, 3, 4, 5].map((i) => alert(i)),
        'w',
      ),
    ).toEqual([]);
    expect(
      detectClassCluster(
        'c1',
        20,
        [0, 1, 2, 3, 4].map((i) => alert(i, i === 0 ? 'low' : 'high', 'open')),
        'w',
      ),
    ).toEqual([]);
    expect(
      detectClassCluster(
        'c1',
        20,
        [0, 1, 2, 3, 4].map((i) => alert(i, 'high', i === 0 ? 'dismissed' : 'confirmed')),
        'w',
      ),
    ).toEqual([]);
  });
});
