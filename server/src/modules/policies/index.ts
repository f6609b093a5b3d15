// Front door of modules/policies (versioned regional policies: the document schema, overrides and the effective policy of a place); other modules import only from here.
export { EffectivePolicySchema, PolicyVersionSchema } from './policies.contract.js';
export { PoliciesService } from './policies.service.js';
export { type PolicyDocument, type PolicyOverride, applyOverride, checkPolicy } from './policy.js';
export {
  DEFAULT_SUBSIDY_BLOCK,
  SUBSIDY_RULE_KINDS,
  TARGET_GROUPS,
  type SubsidyBlock,
  type SubsidyRule,
  type SubsidyRuleKind,
  type TargetGroup,
} from './subsidy-rules.js';
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as policiesContract from './policies.contract.js';
