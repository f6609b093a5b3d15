// The policies' answer shapes (their routes are catalog's operator management, catalog/catalog.routes.ts; the
// effective policy of a place is also in the public catalogue).
import { Type, type Static } from 'typebox';
import { OrNull, type Check, type SameShape } from '../../http/contract.js';
import type {
  EffectivePolicy as EffectivePolicySource,
  PolicyVersion as PolicyVersionSource,
} from './policies.service.js';
import {
  PolicyDocumentSchema,
  PolicyOverrideSchema,
  type PolicyVersionRef as PolicyVersionRefSource,
} from './policy.js';

export const PolicyVersionRefSchema = Type.Object({ scope: Type.String(), version: Type.Number(), id: Type.String() });
export type PolicyVersionRef = Static<typeof PolicyVersionRefSchema>;

// The document schemas are the ones a published policy is validated with (policy.ts), so the answer cannot drift from
// what is stored.
export const EffectivePolicySchema = Type.Object({
  document: PolicyDocumentSchema,
  national: PolicyVersionRefSchema,
  applied: Type.Array(PolicyVersionRefSchema),
});
export type EffectivePolicy = Static<typeof EffectivePolicySchema>;

export const PolicyVersionSchema = Type.Object({
  id: Type.String(),
  scope: Type.String(),
  version: Type.Number(),
  document: Type.Union([PolicyDocumentSchema, PolicyOverrideSchema]),
  note: Type.String(),
  createdAt: Type.String(),
  createdBy: OrNull(Type.String()),
});
export type PolicyVersion = Static<typeof PolicyVersionSchema>;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type PoliciesContractMatchesSources = [
  Check<SameShape<PolicyVersionRef, PolicyVersionRefSource>>,
  Check<SameShape<EffectivePolicy, EffectivePolicySource>>,
  Check<SameShape<PolicyVersion, PolicyVersionSource>>,
];
