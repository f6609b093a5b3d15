import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { mergeSubsidyBlock, SubsidyBlockOverrideSchema, SubsidyBlockSchema } from './subsidy-rules.js';

// Regional rules are data (DESIGN.md principle 3): one policy document shape, national defaults, and partial
// overrides per province, city or county, each stored as numbered versions. The effective policy for a place is the
// national document with the latest override of each ancestor region applied from the top down.

const FaceCheck = Type.Object(
  {
    /** 0 turns face checks off in the region (lessons then complete on watched ground alone). */
    minPerLesson: Type.Integer({ minimum: 0, maximum: 20 }),
    maxIntervalMinutes: Type.Integer({ minimum: 1, maximum: 120 }),
    responseSeconds: Type.Integer({ minimum: 10, maximum: 600 }),
    retries: Type.Integer({ minimum: 0, maximum: 10 }),
    // The fields below are optional so that documents published before them stay valid; absent means the national
    // defaults (modules/learning/learning.service.ts learningRules).
    /** Ask for a random head turn with every face check (docs/face-liveness.md). */
    liveness: Type.Optional(Type.Boolean()),
    /** Face checks missed or failed in one lesson before its progress is reset and it must be learnt again; 0 = never. */
    maxMissesPerLesson: Type.Optional(Type.Integer({ minimum: 0, maximum: 50 })),
    /** … in one class before the learner's learning there is suspended until the institution lifts it; 0 = never. */
    maxMissesPerClass: Type.Optional(Type.Integer({ minimum: 0, maximum: 200 })),
    /** Photos the engine cannot judge (too dark, no face…) retaken per check without using an attempt. */
    freeRetakes: Type.Optional(Type.Integer({ minimum: 0, maximum: 20 })),
  },
  { additionalProperties: false },
);

/** Supervision of online learning (see modules/learning/crediting.ts for how each is applied). */
const Learning = Type.Object(
  {
    positionToleranceSeconds: Type.Integer({ minimum: 1, maximum: 30 }),
    gapFactor: Type.Number({ minimum: 1.5, maximum: 5 }),
    maxLateSeconds: Type.Integer({ minimum: 0, maximum: 3600 }),
    completionShare: Type.Number({ minimum: 0.5, maximum: 1 }),
    challengeMinMinutes: Type.Integer({ minimum: 1, maximum: 120 }),
    challengeMaxMinutes: Type.Integer({ minimum: 1, maximum: 240 }),
    challengeResponseSeconds: Type.Integer({ minimum: 10, maximum: 600 }),
    challengeAttempts: Type.Integer({ minimum: 1, maximum: 10 }),
    /** The first click-to-continue check of every session comes within this many minutes (ADR 0008; optional). */
    firstChallengeMaxMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
  },
  { additionalProperties: false },
);

/** Early-warning thresholds (see modules/alerts/detectors for what each one bounds). */
const Alerts = Type.Object(
  {
    concurrentMinSupersessions: Type.Integer({ minimum: 1, maximum: 50 }),
    concurrentWindowMinutes: Type.Integer({ minimum: 5, maximum: 1440 }),
    groupMinAccounts: Type.Integer({ minimum: 2, maximum: 500 }),
    groupMinInstitutions: Type.Integer({ minimum: 1, maximum: 50 }),
    groupWindowMinutes: Type.Integer({ minimum: 5, maximum: 1440 }),
    /** Also flag addresses outside the class's province (not only outside mainland China). */
    foreignIpProvince: Type.Boolean(),
    manyIpsCount: Type.Integer({ minimum: 2, maximum: 100 }),
    manyIpsWindowMinutes: Type.Integer({ minimum: 5, maximum: 1440 }),
    answerMinSeconds: Type.Number({ minimum: 0.2, maximum: 10 }),
    fastAnswerCount: Type.Integer({ minimum: 1, maximum: 20 }),
    faceFailStreak: Type.Integer({ minimum: 2, maximum: 50 }),
    faceMismatchCount: Type.Integer({ minimum: 1, maximum: 50 }),
    sharedDeviceMinAccounts: Type.Integer({ minimum: 2, maximum: 50 }),
    sharedDeviceSwitchesPerDay: Type.Integer({ minimum: 2, maximum: 100 }),
    capOverrunMinutes: Type.Integer({ minimum: 5, maximum: 600 }),
    allNightMinutes: Type.Integer({ minimum: 30, maximum: 360 }),
    seekAheadPerHour: Type.Integer({ minimum: 1, maximum: 500 }),
    // Institution and teacher detectors (optional: documents published before them stay valid).
    institutionMinFlagged: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    institutionFlaggedShare: Type.Optional(Type.Number({ minimum: 0.01, maximum: 1 })),
    institutionMinClusterClasses: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    institutionIpMinLearners: Type.Optional(Type.Integer({ minimum: 2, maximum: 10_000 })),
    institutionIpShare: Type.Optional(Type.Number({ minimum: 0.05, maximum: 1 })),
    institutionIpTopAddresses: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    attendanceSameDeviceMin: Type.Optional(Type.Integer({ minimum: 2, maximum: 100 })),
    attendanceFaceMismatchMin: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    trainingRoomMaxSeats: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
    // Checks dodged or ignored (ADR 0008; optional for documents published before them).
    checkDodgeCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    checkDodgeWindowMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 1440 })),
    playedThroughChecks: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    /** One institution's accounts behind one undeclared address (issue 14). */
    groupInstitutionMinAccounts: Type.Optional(Type.Integer({ minimum: 2, maximum: 500 })),
    /** Accounts behind one mobile carrier's shared address, unless one user agent already makes a crowd. */
    groupMobileMinAccounts: Type.Optional(Type.Integer({ minimum: 2, maximum: 2000 })),
  },
  { additionalProperties: false },
);

export const PolicyDocumentSchema = Type.Object(
  {
    /** Length of one class hour (学时) in minutes: 45 in most provinces, 30 in e.g. Ningbo. */
    classHourMinutes: Type.Integer({ minimum: 10, maximum: 120 }),
    /** Largest share of a class's hours that may be taught online. */
    maxOnlineShare: Type.Number({ minimum: 0, maximum: 1 }),
    /** Online hours count with this factor toward the class's required hours (some provinces count them at 50%). */
    onlineHourFactor: Type.Number({ minimum: 0, maximum: 1 }),
    /** General modules (law, safety, …) that every class plan must include. */
    requiredGeneralModules: Type.Array(Type.String({ maxLength: 32 }), { maxItems: 20 }),
    heartbeatSeconds: Type.Integer({ minimum: 5, maximum: 120 }),
    maxPlaybackRate: Type.Number({ minimum: 0.5, maximum: 3 }),
    dailyCapHours: Type.Number({ minimum: 1, maximum: 24 }),
    faceCheck: FaceCheck,
    /** Optional so that documents published before the learning engine stay valid; absent means the national defaults. */
    learning: Type.Optional(Learning),
    /** Optional for the same reason; absent means the national defaults. */
    alerts: Type.Optional(Alerts),
    /** Subsidy rules and person-level limits (subsidy-rules.ts); optional for the same reason: absent, nothing is paid. */
    subsidies: Type.Optional(SubsidyBlockSchema),
    reviewDeadlineWorkingDays: Type.Integer({ minimum: 1, maximum: 30 }),
    attendanceRadiusMeters: Type.Integer({ minimum: 50, maximum: 5000 }),
  },
  { additionalProperties: false },
);

export type PolicyDocument = Static<typeof PolicyDocumentSchema>;

/** An override may set any subset of fields (and any subset inside `faceCheck`). */
export const PolicyOverrideSchema = Type.Object(
  {
    ...Type.Partial(Type.Omit(PolicyDocumentSchema, ['faceCheck', 'learning', 'alerts', 'subsidies'])).properties,
    faceCheck: Type.Optional(Type.Partial(FaceCheck)),
    learning: Type.Optional(Type.Partial(Learning)),
    alerts: Type.Optional(Type.Partial(Alerts, { additionalProperties: false })),
    subsidies: Type.Optional(SubsidyBlockOverrideSchema),
  },
  { additionalProperties: false },
);

export type PolicyOverride = Static<typeof PolicyOverrideSchema>;

const documentValidator = Compile(PolicyDocumentSchema);
const overrideValidator = Compile(PolicyOverrideSchema);

export type PolicyIssue = { path: string; message: string };

export function checkPolicy(kind: 'document' | 'override', value: unknown): PolicyIssue[] {
  const validator = kind === 'document' ? documentValidator : overrideValidator;
  if (validator.Check(value)) return [];
  return [...validator.Errors(value)].slice(0, 10).map((e) => ({
    path: (e as { instancePath?: string }).instancePath ?? '',
    message: (e as { message: string }).message,
  }));
}

export function applyOverride(base: PolicyDocument, override: PolicyOverride): PolicyDocument {
  const { faceCheck, learning, alerts, subsidies, ...rest } = override;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const merged = { ...base, ...defined, faceCheck: { ...base.faceCheck, ...(faceCheck ?? {}) } };
  if (learning) merged.learning = { ...(base.learning ?? {}), ...learning } as PolicyDocument['learning'];
  if (alerts) merged.alerts = { ...(base.alerts ?? {}), ...alerts } as PolicyDocument['alerts'];
  if (subsidies) merged.subsidies = mergeSubsidyBlock(base.subsidies, subsidies);
  return merged;
}

/** Scopes from the top down for a region code: national, province, city, county (as far as the code goes). */
export function policyScopesFor(regionCode: string | null): string[] {
  if (!regionCode) return ['national'];
  const province = `${regionCode.slice(0, 2)}0000`;
  const city = `${regionCode.slice(0, 4)}00`;
  return [...new Set(['national', province, city, regionCode])];
}

export type PolicyVersionRef = { scope: string; version: number; id: string };

export function resolvePolicy(
  national: PolicyDocument,
  overrides: { scope: string; version: number; id: string; document: PolicyOverride }[],
  regionCode: string | null,
) {
  let effective = national;
  const applied: PolicyVersionRef[] = [];
  for (const scope of policyScopesFor(regionCode).slice(1)) {
    const latest = overrides.filter((o) => o.scope === scope).sort((a, b) => b.version - a.version)[0];
    if (!latest) continue;
    effective = applyOverride(effective, latest.document);
    applied.push({ scope, version: latest.version, id: latest.id });
  }
  return { document: effective, applied };
}
