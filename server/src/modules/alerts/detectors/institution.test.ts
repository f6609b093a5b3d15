import { describe, expect, it } from 'vitest';
import type { LearnerAlertFact } from './class-cluster.js';
import {
  detectInstitutionClusters,
  detectInstitutionFlaggedLearners,
  detectInstitutionIpConcentration,
  type LearnerIpFact,
} from './institution.js';
import { T0, thresholds } from './testkit.js';

const t = thresholds();
const alert = (i: number, severity: LearnerAlertFact['severity'] = 'medium', status = 'open'): LearnerAlertFact => ({
  alertId: `a${i}`,
  userId: `u${i}`,
  kind: 'group_ip',
  severity,
  status,
  at: T0 + i,
});

describe('institutions with many flagged learners', () => {
  it('makes the institution the subject when enough learners and a large enough share are flagged', () => {
    const alerts = [...Array.from({ length: 12 }, (_, i) => alert(i)), alert(0, 'high', 'confirmed')];
    const [f, ...more] = detectInstitutionFlaggedLearners('inst-a', 60, alerts, t, 'week:2026-11-23');
    expect(more).toEqual([]);
    expect(f).toMatchObject({
      kind: 'institution_flagged_learners',
      subject: { type: 'institution', id: 'inst-a' },
      userId: null,
      classId: null,
      severity: 'medium',
      windowKey: 'week:2026-11-23',
      facts: { learners: 12, activeLearners: 60, share: 0.2, kinds: { group_ip: 13 } },
    });
    expect(f.evidence).toHaveLength(13);
    expect(detectInstitutionFlaggedLearners('inst-a', 30, alerts, t, 'w')[0].severity).toBe('high');
  });

  it('ignores a small share, too few learners, low and dismissed alerts', () => {
    expect(
      detectInstitutionFlaggedLearners(
        'inst-a',
        200,
        Array.from({ length: 12 }, (_, i) => alert(i)),
        t,
        'w',
      ),
    ).toEqual([]);
    expect(
      detectInstitutionFlaggedLearners(
        'inst-a',
        20,
        Array.from({ length: 9 }, (_, i) => alert(i)),
        t,
        'w',
      ),
    ).toEqual([]);
    expect(
      detectInstitutionFlaggedLearners(
        'inst-a',
        20,
        Array.from({ length: 12 }, (_, i) => alert(i, i < 3 ? 'low' : 'high', i < 6 && i >= 3 ? 'dismissed' : 'open')),
        t,
        'w',
      ),
    ).toEqual([]);
    expect(detectInstitutionFlaggedLearners('inst-a', 0, [], t, 'w')).toEqual([]);
  });
});

describe('institutions with clusters in several classes', () => {
  const cluster = (i: number, classId: string, status = 'open', severity: 'medium' | 'high' = 'medium') => ({
    alertId: `k${i}`,
    classId,
    severity,
    status,
    at: T0 + i,
  });

  it('flags two classes with live clusters, high with four or with two high clusters', () => {
    expect(
      detectInstitutionClusters(
        'inst-a',
        [cluster(1, 'c1'), cluster(2, 'c2'), cluster(3, 'c2')],
        8,
        t,
        'month:2026-11',
      ),
    ).toMatchObject([
      {
        kind: 'institution_clusters',
        subject: { type: 'institution', id: 'inst-a' },
        severity: 'medium',
        facts: { classes: 2, classCount: 8, highClusters: 0 },
      },
    ]);
    expect(
      detectInstitutionClusters(
        'inst-a',
        [cluster(1, 'c1', 'open', 'high'), cluster(2, 'c2', 'confirmed', 'high')],
        8,
        t,
        'm',
      )[0].severity,
    ).toBe('high');
  });

  it('does not count one class twice or a dismissed cluster', () => {
    expect(detectInstitutionClusters('inst-a', [cluster(1, 'c1'), cluster(2, 'c1')], 8, t, 'm')).toEqual([]);
    expect(detectInstitutionClusters('inst-a', [cluster(1, 'c1'), cluster(2, 'c2', 'dismissed')], 8, t, 'm')).toEqual(
      [],
    );
  });
});

describe('institutions whose learning sits on a few undeclared addresses', () => {
  const at = (userId: string, ip: string): LearnerIpFact => ({
    userId,
    ip,
    sessions: 3,
    firstAt: T0,
    lastAt: T0 + 3_600_000,
  });
  const home = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) =>
      at(`h${from + i}`, `112.10.${Math.floor((from + i) / 200)}.${((from + i) % 200) + 1}`),
    );

  it('flags a roster learning behind two undeclared addresses', () => {
    const studio = [
      ...Array.from({ length: 18 }, (_, i) => at(`s${i}`, '36.112.0.1')),
      ...Array.from({ length: 10 }, (_, i) => at(`t${i}`, '36.112.0.2')),
    ];
    const [f] = detectInstitutionIpConcentration('inst-a', [...studio, ...home(12)], () => false, t, 'week:2026-11-23');
    expect(f).toMatchObject({
      kind: 'institution_ip_concentration',
      subject: { type: 'institution', id: 'inst-a' },
      severity: 'medium',
      facts: {
        learners: 28,
        activeLearners: 40,
        share: 0.7,
        addresses: [
          { ip: '36.112.0.1', learners: 18 },
          { ip: '36.112.0.2', learners: 10 },
        ],
      },
    });
    // Declared as its training room, the same picture is what a room looks like.
    expect(
      detectInstitutionIpConcentration('inst-a', [...studio, ...home(12)], (ip) => ip.startsWith('36.112.0.'), t, 'w'),
    ).toEqual([]);
  });

  it('leaves learners at home, a small institution and private addresses alone', () => {
    expect(detectInstitutionIpConcentration('inst-a', home(200), () => false, t, 'w')).toEqual([]);
    expect(
      detectInstitutionIpConcentration(
        'inst-a',
        Array.from({ length: 15 }, (_, i) => at(`s${i}`, '36.112.0.1')),
        () => false,
        t,
        'w',
      ),
    ).toEqual([]);
    expect(
      detectInstitutionIpConcentration(
        'inst-a',
        Array.from({ length: 40 }, (_, i) => at(`s${i}`, '192.168.1.20')),
        () => false,
        t,
        'w',
      ),
    ).toEqual([]);
    // Half the roster on one address is under the share when the rest are spread out.
    const half = [...Array.from({ length: 20 }, (_, i) => at(`s${i}`, '36.112.0.1')), ...home(30)];
    expect(
      detectInstitutionIpConcentration('inst-a', half, () => false, thresholds({ institutionIpShare: 0.5 }), 'w'),
    ).toEqual([]);
  });
});
