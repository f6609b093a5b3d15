// The learning module's front door: other modules import from here, not from its files.

export {
  EVIDENCE_KINDS,
  EvidenceDecodeError,
  checkEvidence,
  decodeRecord,
  decodeRecordOf,
  encodeRecord,
  evidenceDraft,
  evidenceSchemas,
  isEvidenceKind,
  type Evidence,
  type EvidenceData,
  type EvidenceKind,
  type EvidenceOf,
} from './evidence.js';
export { chain, chainHeadOf, type RecordDraft, type RecordRow } from './records.js';
