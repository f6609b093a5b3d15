import { Type, type Static } from 'typebox';
import { OrNull, StringEnum, type Check, type SameShape } from '../../http/contract.js';
import { HASH_ALGORITHMS } from './merkle.js';
import { SEAL_KINDS } from './leaves.js';
import type {
  ConsistencyAnswer as ConsistencyAnswerSource,
  InclusionAnswer as InclusionAnswerSource,
  TreeHead as TreeHeadSource,
} from './seal.service.js';

export const SealKindSchema = StringEnum(SEAL_KINDS);

/** A signed tree head: Ed25519 (base64url) over the canonical JSON of { v, log, algorithm, treeSize, rootHash, timestamp, keyId }. */
export const TreeHeadSchema = Type.Object({
  treeSize: Type.Number(),
  rootHash: Type.String({ description: 'hex' }),
  algorithm: StringEnum(HASH_ALGORITHMS),
  timestamp: Type.String({ description: 'ISO-8601 UTC' }),
  keyId: Type.String(),
  signature: Type.String({ description: 'base64url Ed25519' }),
});
export type TreeHead = Static<typeof TreeHeadSchema>;

export const InclusionAnswerSchema = Type.Object({
  leaf: Type.Object({
    index: Type.Number(),
    kind: SealKindSchema,
    id: Type.String(),
    subject: OrNull(Type.String()),
    digest: Type.String(),
    leafHash: Type.String(),
  }),
  head: TreeHeadSchema,
  proof: Type.Array(Type.String(), { description: 'hex audit path, leaf to root (RFC 6962 §2.1.1)' }),
});
export type InclusionAnswer = Static<typeof InclusionAnswerSchema>;

export const ConsistencyAnswerSchema = Type.Object({
  first: TreeHeadSchema,
  second: TreeHeadSchema,
  proof: Type.Array(Type.String(), { description: 'hex consistency proof (RFC 6962 §2.1.2)' }),
});
export type ConsistencyAnswer = Static<typeof ConsistencyAnswerSchema>;

export const SealKeySchema = Type.Object({
  algorithm: StringEnum(['Ed25519']),
  keyId: Type.String(),
  publicKeyPem: Type.String(),
});
export type SealKey = Static<typeof SealKeySchema>;

export const sealResponses = {
  'GET /seal/tree-head': { 200: TreeHeadSchema },
  'GET /seal/inclusion': { 200: InclusionAnswerSchema },
  'GET /seal/consistency': { 200: ConsistencyAnswerSchema },
  'GET /public/seal-key': { 200: SealKeySchema },
} as const;

export type SealContractMatchesSources = [
  Check<SameShape<TreeHead, TreeHeadSource>>,
  Check<SameShape<InclusionAnswer, InclusionAnswerSource>>,
  Check<SameShape<ConsistencyAnswer, ConsistencyAnswerSource>>,
];
