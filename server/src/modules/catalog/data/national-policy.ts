// The national default policy document and example regional overrides, as data (see ../policy.ts for the shape and
// how overrides are applied). Regulatory facts carry their source; supervision parameters (heartbeat, face checks,
// review deadline, attendance radius) are Yunxue's design defaults from the product brief, not rules from any
// document, and are labelled so. Minimum-hour tables do not fit the policy document: they are kept next to each
// override for the class-opening work; subsidy rules are the documents' `subsidies` block (docs/subsidy-sources.md).

import type { PolicyDocument, PolicyOverride } from '../../policies/index.js';
import { MANDATORY_GENERAL_MODULE_CODES } from './general-modules.js';

export const NATIONAL_POLICY: PolicyDocument = {
  classHourMinutes: 45,
  maxOnlineShare: 0.5,
  onlineHourFactor: 1.0,
  requiredGeneralModules: [...MANDATORY_GENERAL_MODULE_CODES],
  heartbeatSeconds: 20,
  maxPlaybackRate: 1.0,
  dailyCapHours: 8,
  faceCheck: {
    minPerLesson: 1,
    maxIntervalMinutes: 15,
    responseSeconds: 60,
    retries: 3,
    liveness: true,
    maxMissesPerLesson: 3,
    maxMissesPerClass: 10,
    freeRetakes: 5,
  },
  learning: {
    positionToleranceSeconds: 3,
    gapFactor: 2.5,
    maxLateSeconds: 300,
    completionShare: 0.95,
    challengeMinMinutes: 5,
    challengeMaxMinutes: 15,
    challengeResponseSeconds: 60,
    challengeAttempts: 3,
    firstChallengeMaxMinutes: 3,
  },
  alerts: {
    concurrentMinSupersessions: 2,
    concurrentWindowMinutes: 60,
    groupMinAccounts: 6,
    groupMinInstitutions: 2,
    groupWindowMinutes: 60,
    foreignIpProvince: false,
    manyIpsCount: 4,
    manyIpsWindowMinutes: 60,
    answerMinSeconds: 1.5,
    fastAnswerCount: 3,
    faceFailStreak: 6,
    faceMismatchCount: 4,
    sharedDeviceMinAccounts: 3,
    sharedDeviceSwitchesPerDay: 6,
    capOverrunMinutes: 30,
    allNightMinutes: 240,
    seekAheadPerHour: 6,
    institutionMinFlagged: 10,
    institutionFlaggedShare: 0.15,
    institutionMinClusterClasses: 2,
    institutionIpMinLearners: 20,
    institutionIpShare: 0.5,
    institutionIpTopAddresses: 3,
    attendanceSameDeviceMin: 3,
    attendanceFaceMismatchMin: 2,
    trainingRoomMaxSeats: 300,
    checkDodgeCount: 2,
    checkDodgeWindowMinutes: 60,
    playedThroughChecks: 1,
    groupInstitutionMinAccounts: 8,
    groupMobileMinAccounts: 30,
  },
  reviewDeadlineWorkingDays: 3,
  attendanceRadiusMeters: 500,
  // No national subsidy figure is paid by the platform itself: regions add their rules (docs/subsidy-sources.md).
  subsidies: { maxTrainingsPerYear: 3, rules: [] },
};

export type FieldProvenance = { field: string; value: string; kind: 'sourced' | 'design-default'; source: string };

export const NATIONAL_POLICY_PROVENANCE: readonly FieldProvenance[] = [
  {
    field: 'classHourMinutes',
    value: '45',
    kind: 'sourced',
    source:
      'Hunan HRSS notice of 2022-06-07 (每个学时为45分钟); Dongguan enterprise online training (45分钟计算1个课时); Shenzhen public training subsidy (不少于45分钟). No single national rule found.',
  },
  {
    field: 'maxOnlineShare',
    value: '0.5',
    kind: 'sourced',
    source:
      'Hainan HRSS notice, February 2020: at most 50% of theory courses online. Used nationally as the conservative default.',
  },
  {
    field: 'onlineHourFactor',
    value: '1.0',
    kind: 'design-default',
    source: 'Product brief; Hainan counts online hours at 50% (see override).',
  },
  {
    field: 'requiredGeneralModules',
    value: MANDATORY_GENERAL_MODULE_CODES.join(','),
    kind: 'sourced',
    source: 'Yunnan Twelve Measures (seed document 001).',
  },
  { field: 'heartbeatSeconds', value: '20', kind: 'design-default', source: 'Product brief.' },
  {
    field: 'maxPlaybackRate',
    value: '1.0',
    kind: 'design-default',
    source: 'Product brief (no dragging ahead or speeding up).',
  },
  {
    field: 'dailyCapHours',
    value: '8',
    kind: 'design-default',
    source: 'Product brief. Hunan counts a training day as 7 class hours (not applied here).',
  },
  {
    field: 'faceCheck',
    value: '1 per lesson, <=15 min apart, 60 s, 3 retries',
    kind: 'design-default',
    source:
      'Product brief ("typical practice"); Yunnan measures require random face recognition without fixing numbers.',
  },
  {
    field: 'faceCheck.liveness, maxMissesPerLesson, maxMissesPerClass',
    value: 'head-turn challenge on; 3 misses reset a lesson, 10 in a class suspend learning there',
    kind: 'design-default',
    source:
      'Issue 6 (liveness, consequences of missed checks); the product brief says a failed check credits nothing and does not fix numbers. See docs/face-liveness.md.',
  },
  {
    field: 'faceCheck.freeRetakes',
    value: '5',
    kind: 'design-default',
    source:
      "Issue 6: a photo the engine cannot judge (too dark, no face, blurred) is the camera's or the room's fault, so it may be retaken without using a retry; 5 bounds the retakes within the response time.",
  },
  {
    field: 'learning',
    value:
      'tolerance 3 s, gap 2.5 heartbeats, late reports 300 s, complete at 95%, click-to-continue every 5–15 min answered in 60 s, 3 attempts, the first of every session within 3 min (ADR 0008)',
    kind: 'design-default',
    source:
      'Product brief (anti-hang-up checks at unpredictable moments, ~60 s to answer); tolerances chosen for timer jitter and mobile networks.',
  },
  {
    field: 'alerts',
    value: 'see docs/adr/0007-early-warning.md',
    kind: 'design-default',
    source:
      'Early-warning thresholds tuned on the simulated population of `npm run bench:detect` (docs/performance.md), not taken from any document.',
  },
  { field: 'reviewDeadlineWorkingDays', value: '3', kind: 'design-default', source: 'Product brief.' },
  { field: 'attendanceRadiusMeters', value: '500', kind: 'design-default', source: 'Product brief.' },
  {
    field: 'subsidies.maxTrainingsPerYear',
    value: '3',
    kind: 'sourced',
    source:
      'Issue 17 (at most 3 subsidised trainings per person per year by default); Zhejiang city documents implementing the 2020 line (docs/subsidy-sources.md).',
  },
];

/** Minimum hours per level (index 0 = level 5) for a group of occupations. */
export interface MinHoursTable {
  group: string;
  nameZh: string;
  hoursByLevel: readonly [number, number, number, number, number];
}

export interface RegionalOverride {
  /** Region code (GB/T 2260), as used for policy scopes. */
  scope: string;
  nameZh: string;
  nameEn: string;
  document: PolicyOverride;
  minHours?: readonly MinHoursTable[];
  source: string;
  note: string;
  /** false where the figure comes only from the product brief or a lower-level region's document. */
  verified: boolean;
}

export const REGIONAL_OVERRIDES: readonly RegionalOverride[] = [
  {
    scope: '330200',
    nameZh: '宁波市',
    nameEn: 'Ningbo',
    document: {
      classHourMinutes: 30,
      // Tiers by completed hours (issue 17): 16 h → CNY 300, 32 h → CNY 500, 48 h → CNY 800. Replaces Zhejiang's rules.
      subsidies: {
        rules: [
          {
            id: 'nb-hour-tiers',
            kind: 'hour_tiers',
            tiers: [
              { minHours: 16, amountFen: 30_000 },
              { minHours: 32, amountFen: 50_000 },
              { minHours: 48, amountFen: 80_000 },
            ],
          },
        ],
      },
    },
    source:
      'Project brief (shared/PRODUCT.md item 1). No Ningbo document stating a 30-minute class hour was found. Subsidy tiers: issue 17 (docs/subsidy-sources.md).',
    note: 'Class hour of 30 minutes. Unverified: confirm against the Ningbo HRSS notice before use in production.',
    verified: false,
  },
  {
    scope: '430000',
    nameZh: '湖南省',
    nameEn: 'Hunan',
    document: { classHourMinutes: 45 },
    minHours: [
      { group: 'key', nameZh: '"三高四新"战略重点职业（工种）', hoursByLevel: [105, 84, 70, 63, 49] },
      { group: 'stabilise', nameZh: '吸纳和稳定就业重点职业（工种）', hoursByLevel: [77, 70, 63, 56, 49] },
      { group: 'rural', nameZh: '农村技能人才培养重点职业（工种）', hoursByLevel: [63, 56, 49, 42, 42] },
      { group: 'other', nameZh: '其他类职业（工种）及专项职业能力', hoursByLevel: [49, 49, 49, 49, 49] },
    ],
    source:
      'Hunan HRSS, 关于明确湖南省职业技能培训补贴标准的通知（试行）, 2022-06-07 (as reported for Hengyang, bbbaike.com/baike/techan/998286.html)',
    note: 'Level 5 figures are for a first training; levels 4..1 are for promotion from the level below. One class hour is 45 minutes; a training day counts as 7 class hours.',
    verified: true,
  },
  {
    scope: '440000',
    nameZh: '广东省',
    nameEn: 'Guangdong',
    document: {
      classHourMinutes: 45,
      // Enterprise online training of employees (2020): CNY 30 per person per class hour, CNY 1,000 a year at most.
      subsidies: { rules: [{ id: 'gd-per-hour', kind: 'per_hour', perHourFen: 3000, yearlyCapFen: 100_000 }] },
    },
    source:
      'Dongguan implementation (shbk.net/techan/45400.html): CNY 30 per person per 45-minute class hour, at most CNY 1,000 per person per year.',
    note: 'The figure was found in a Dongguan (441900) document implementing the Guangdong policy; the provincial notice itself was not located.',
    verified: false,
  },
  {
    scope: '330000',
    nameZh: '浙江省',
    nameEn: 'Zhejiang',
    document: {
      // Enterprise online training of employees (2020): up to 95 % of the actual cost, CNY 800 per person per project,
      // at most 3 times per person per year.
      subsidies: {
        maxTrainingsPerYear: 3,
        rules: [{ id: 'zj-cost-share', kind: 'cost_share', shareBp: 9500, capFen: 80_000 }],
      },
    },
    source:
      'Hangzhou 杭人社发〔2020〕10号 (hhtz.gov.cn, 2022-06-29 Q&A); Wenzhou implementation (also at most CNY 25 per class hour, same occupation and level never twice); Ningbo Haishu (cnnb.com.cn, 2020-03-18).',
    note: 'Subsidy of at most 95% of the actual training cost, at most CNY 800 per person per project. Found in city documents implementing the provincial line; provincial notice not located.',
    verified: false,
  },
  {
    scope: '460000',
    nameZh: '海南省',
    nameEn: 'Hainan',
    document: {
      maxOnlineShare: 0.5,
      onlineHourFactor: 0.5,
      subsidies: {
        rules: [
          // Skill-level certificates (2025 figures as issue 17 gives them): levels 5..1 → CNY 1,500 / 1,800 / 2,200 /
          // 3,500 / 5,000.
          { id: 'hi-cert-level', kind: 'certificate_level', levelsFen: [150_000, 180_000, 220_000, 350_000, 500_000] },
          // Pre-job training on 中国职业培训在线 (2020): CNY 150 per trainee, CNY 30 per trainee to the institution,
          // at least 60 class hours.
          { id: 'hi-per-head', kind: 'per_head', traineeFen: 15_000, institutionFen: 3000, minHours: 60 },
        ],
      },
    },
    source:
      'Hainan HRSS and two other departments, notice of 2020-02-24, reported by 海南特区报 2020-02-26 (m.zgzxcmw.com/hainan/202002/137355.html)',
    note: 'Skills training: at most 50% of theory courses online, online hours counted at 50%. Pre-job training (at least 60 class hours): CNY 150 per trainee, CNY 30 per trainee to the institution.',
    verified: true,
  },
];
