import { Type, type Static } from 'typebox';

// The `subsidies` block of a policy document (issue 17): which subsidies a region pays for a training and the
// person-level limits. Money is in integer fen (1 CNY = 100 fen) so that no amount is ever a floating-point number;
// shares are in basis points (1 % = 100 bp). How each rule is applied to a learner's evidence is
// modules/subsidies/eligibility.ts; docs/subsidy-sources.md names the documents behind the demo figures.

const Fen = (max = 100_000_000) => Type.Integer({ minimum: 0, maximum: max });
const RuleId = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,31}$' });

/** Fields every rule may carry. */
const common = {
  /** Stable within the document: earlier grants of the same class are matched by it (staged payment). */
  id: RuleId,
  /** Nothing is paid before the learner holds the class's training certificate (培训合格证书). */
  requiresTrainingCertificate: Type.Optional(Type.Boolean()),
  /** Nothing is paid before the learner passed the class's assessment. */
  requiresExamPass: Type.Optional(Type.Boolean()),
  /**
   * Staged payment: this share (basis points) is payable once the online theory is complete, the rest once the
   * training certificate is held (e.g. 5000 = half after theory).
   */
  stagedAfterTheoryBp: Type.Optional(Type.Integer({ minimum: 1, maximum: 9999 })),
  /** At most this much per person per (Beijing) year from rules of this kind, platform-wide. */
  yearlyCapFen: Type.Optional(Fen()),
};

/** An amount per skill-level certificate of the class's occupation at the class's level; index 0 = level 5 … 4 = level 1. */
const CertificateLevelRule = Type.Object(
  {
    kind: Type.Literal('certificate_level'),
    ...common,
    levelsFen: Type.Array(Fen(), { minItems: 5, maxItems: 5 }),
  },
  { additionalProperties: false },
);

/** An amount per credited class hour (online counted with the policy's factor, plus offline). */
const PerHourRule = Type.Object(
  { kind: Type.Literal('per_hour'), ...common, perHourFen: Fen(1_000_000) },
  { additionalProperties: false },
);

/** The highest tier whose hours the learner's credited hours reach. */
const HourTiersRule = Type.Object(
  {
    kind: Type.Literal('hour_tiers'),
    ...common,
    tiers: Type.Array(
      Type.Object(
        { minHours: Type.Integer({ minimum: 1, maximum: 10_000 }), amountFen: Fen() },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20 },
    ),
  },
  { additionalProperties: false },
);

/** A fixed amount to the trainee and to the institution per trainee, once the credited hours reach a minimum. */
const PerHeadRule = Type.Object(
  {
    kind: Type.Literal('per_head'),
    ...common,
    traineeFen: Fen(),
    institutionFen: Fen(),
    minHours: Type.Integer({ minimum: 0, maximum: 10_000 }),
  },
  { additionalProperties: false },
);

/** A share of the enterprise's actual training cost per person, at most `capFen` per person per project (class). */
const CostShareRule = Type.Object(
  {
    kind: Type.Literal('cost_share'),
    ...common,
    shareBp: Type.Integer({ minimum: 1, maximum: 10_000 }),
    capFen: Fen(),
  },
  { additionalProperties: false },
);

/** The target groups a living allowance may be paid to (membership recorded with evidence, confirmed by a regulator). */
export const TARGET_GROUPS = [
  'poor_labourer',
  'employment_difficulty',
  'zero_employment_family',
  'two_after_rural_youth',
  'urban_low_income',
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];
// The schema below spells the groups out (a mapped union loses its literal types); this keeps the two lists equal.
type SameGroups<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type MustBeTrue<T extends true> = T;

/** A living allowance per training day for members of the listed target groups. */
const LivingAllowanceRule = Type.Object(
  {
    kind: Type.Literal('living_allowance'),
    ...common,
    perDayFen: Fen(1_000_000),
    maxDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })),
    groups: Type.Array(
      Type.Union([
        Type.Literal('poor_labourer'),
        Type.Literal('employment_difficulty'),
        Type.Literal('zero_employment_family'),
        Type.Literal('two_after_rural_youth'),
        Type.Literal('urban_low_income'),
      ]),
      { minItems: 1, maxItems: 5 },
    ),
  },
  { additionalProperties: false },
);

/** Compile-time: the schema's groups are exactly TARGET_GROUPS (fails tsc when they differ). */
export type TargetGroupsMatch = MustBeTrue<
  SameGroups<Static<typeof LivingAllowanceRule>['groups'][number], TargetGroup>
>;

export const SubsidyRuleSchema = Type.Union([
  CertificateLevelRule,
  PerHourRule,
  HourTiersRule,
  PerHeadRule,
  CostShareRule,
  LivingAllowanceRule,
]);
export type SubsidyRule = Static<typeof SubsidyRuleSchema>;
export type SubsidyRuleKind = SubsidyRule['kind'];
export const SUBSIDY_RULE_KINDS = [
  'certificate_level',
  'per_hour',
  'hour_tiers',
  'per_head',
  'cost_share',
  'living_allowance',
] as const satisfies readonly SubsidyRuleKind[];

export const SubsidyBlockSchema = Type.Object(
  {
    /** Subsidised trainings per person per Beijing year, platform-wide (3 unless a region says otherwise). */
    maxTrainingsPerYear: Type.Integer({ minimum: 1, maximum: 20 }),
    rules: Type.Array(SubsidyRuleSchema, { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type SubsidyBlock = Static<typeof SubsidyBlockSchema>;

/**
 * An override sets either field; `rules`, when present, replaces the rules above it as a whole (a region's programme
 * is its own: a city's tiers are not merged rule by rule into its province's cost share).
 */
export const SubsidyBlockOverrideSchema = Type.Partial(SubsidyBlockSchema, { additionalProperties: false });
export type SubsidyBlockOverride = Static<typeof SubsidyBlockOverrideSchema>;

/** What applies where no document says anything: three trainings a year, no rules (nothing is paid). */
export const DEFAULT_SUBSIDY_BLOCK: SubsidyBlock = { maxTrainingsPerYear: 3, rules: [] };

export function mergeSubsidyBlock(base: SubsidyBlock | undefined, override: SubsidyBlockOverride): SubsidyBlock {
  const from = base ?? DEFAULT_SUBSIDY_BLOCK;
  return {
    maxTrainingsPerYear: override.maxTrainingsPerYear ?? from.maxTrainingsPerYear,
    rules: override.rules ?? from.rules,
  };
}
