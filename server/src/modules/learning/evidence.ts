import { Type, type Static, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { newId } from '../../platform/ids.js';
import type { RecordDraft } from './records.js';

// The kinds of learning evidence and the data each carries: one declaration per kind (a TypeBox schema), from which
// the TypeScript union, the encoder every writer uses and the validating decoder every reader uses all follow.
//
// The stored `data` is hashed exactly as stored (records.ts), so encoding is `JSON.stringify` of the object as the
// writer built it — key order included — and an existing record's bytes never change. Fields marked optional are ones
// that records stored earlier (by older engine versions or by the demo seed) may lack; readers must handle their
// absence. Extra fields are tolerated (a newer writer may add one); a missing required field, a wrong type or an
// unknown kind is refused with an EvidenceDecodeError.

const Str = Type.String();
const Num = Type.Number();
const CheckKind = Type.Union([Type.Literal('code'), Type.Literal('face')]);
const Segment = Type.Tuple([Num, Num]);

/** What the player reported; the fields after `positionMs` are absent from heartbeats the demo seed wrote. */
const beatFields = {
  seq: Num,
  positionMs: Num,
  playing: Type.Optional(Type.Boolean()),
  rate: Type.Optional(Num),
  visible: Type.Optional(Type.Boolean()),
  focused: Type.Optional(Type.Boolean()),
  clientTimeMs: Type.Optional(Num),
};

export const evidenceSchemas = {
  /** A lesson session began (learning.service.ts start). */
  session_started: Type.Object({
    classId: Str,
    courseId: Str,
    lessonId: Str,
    durationMs: Num,
    positionMs: Num,
    deviceId: Str,
    ip: Str,
    userAgent: Str,
    clientTimeMs: Type.Optional(Num),
    /** The class's policy versions at the time, copied as stored on the class. */
    policyRefs: Type.Optional(Type.Unknown()),
    webdriver: Type.Optional(Type.Boolean()),
    /** What the last session of the lesson left (ADR 0008): held time and the outstanding check. */
    heldMsCarried: Type.Optional(Num),
    carriedCheckId: Type.Optional(Str),
    carriedCheckFailed: Type.Optional(Type.Boolean()),
  }),
  /**
   * The learner started another lesson or the same one again (any device): this session ends. Before ADR 0008 the
   * credit held for a check was dropped (`heldMsDropped`); since, held time and an open check are carried with the
   * lesson (`heldMsCarried`, `openCheckId`).
   */
  session_superseded: Type.Object({
    bySession: Str,
    lessonId: Str,
    deviceId: Str,
    ip: Str,
    heldMsDropped: Type.Optional(Num),
    heldMsCarried: Type.Optional(Num),
    openCheckId: Type.Optional(Type.Union([Str, Type.Null()])),
  }),
  /**
   * The session ended: by the learner, by sign-out ('signed_out') or by missed face checks ('face_checks_missed').
   * `heldMsDropped` before ADR 0008; since, held time is carried with the lesson (`heldMsCarried`) and a check left
   * open is named (`openCheckId`; `openCheckMissed` when the end counted it as a miss).
   */
  session_ended: Type.Object({
    reason: Type.Optional(Str),
    creditedMs: Num,
    heldMsDropped: Type.Optional(Num),
    heldMsCarried: Type.Optional(Num),
    openCheckId: Type.Optional(Str),
    openCheckMissed: Type.Optional(Type.Boolean()),
  }),
  /** An accepted report; `credited_ms` on the row is what it earned, `reason` why it earned nothing (or null). */
  heartbeat: Type.Object({
    ...beatFields,
    effectiveAt: Type.Optional(Str),
    fromPositionMs: Type.Optional(Num),
    heldMs: Type.Optional(Num),
    reason: Type.Union([Str, Type.Null()]),
  }),
  /** A refused report (duplicate, out of order, clock backwards…). */
  heartbeat_refused: Type.Object({ ...beatFields, reason: Str }),
  /** A check put to the learner: a code to type back or a face check (with the head turn asked for). */
  check_issued: Type.Object({
    checkId: Str,
    kind: CheckKind,
    code: Type.Union([Str, Type.Null()]),
    deadline: Str,
    action: Type.Optional(Type.Union([Type.Literal('turn_left'), Type.Literal('turn_right')])),
    retryOf: Type.Optional(Str),
    /** A final check the learner asked for before leaving, to confirm the time held (ADR 0008). */
    final: Type.Optional(Type.Boolean()),
    /** Issued because the end of the lesson was reached with time held, not at a moment the server chose. */
    lessonEnd: Type.Optional(Type.Boolean()),
  }),
  /** A check missed: past its deadline, or left open when the session was ended (`reason: 'session_ended'`, ADR 0008). */
  check_missed: Type.Object({
    checkId: Str,
    kind: CheckKind,
    deadline: Str,
    reason: Type.Optional(Str),
    heldMsDropped: Type.Optional(Num),
  }),
  check_answered: Type.Object({
    checkId: Str,
    kind: CheckKind,
    result: Type.Union([
      Type.Literal('passed'),
      Type.Literal('wrong'),
      Type.Literal('failed'),
      Type.Literal('late'),
      Type.Literal('retake'),
    ]),
    attempt: Num,
    committedMs: Num,
    /** A face check's verdict (faces module), with the photo's face_checks row. */
    face: Type.Optional(
      Type.Object({
        faceCheckId: Str,
        outcome: Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('retake')]),
        reason: Type.Union([Str, Type.Null()]),
        distance: Type.Union([Num, Type.Null()]),
        threshold: Num,
        liveness: Type.Union([
          Type.Null(),
          Type.Object({
            action: Type.Union([Type.Literal('turn_left'), Type.Literal('turn_right')]),
            turn: Type.Union([Num, Type.Null()]),
            opposite: Type.Union([Num, Type.Null()]),
          }),
        ]),
      }),
    ),
    retakes: Type.Optional(Num),
  }),
  /** Too many missed face checks in a lesson: its ground and credit were wiped (face-checks.ts). */
  lesson_reset: Type.Object({
    classId: Str,
    lessonId: Str,
    misses: Num,
    limit: Num,
    revokedMs: Num,
    watchedMs: Num,
    coverage: Type.Array(Segment),
  }),
  /** Too many missed face checks in a class: learning there waits for the institution (face-checks.ts). */
  learning_suspended: Type.Object({ classId: Str, lessonId: Str, misses: Num, limit: Num }),
  /** A confirmed fraud struck out sessions' credit (revocation.ts); `session_id` of the row is the decision. */
  credit_revoked: Type.Object({
    decisionId: Str,
    classId: Str,
    sessionIds: Type.Array(Str),
    revokedMs: Num,
    reason: Str,
    decidedBy: Str,
    lessons: Type.Array(
      Type.Object({
        lessonId: Str,
        creditedMsBefore: Num,
        creditedMsAfter: Num,
        completeBefore: Type.Boolean(),
        completeAfter: Type.Boolean(),
      }),
    ),
  }),
} satisfies Record<string, TSchema>;

type Schemas = typeof evidenceSchemas;
export type EvidenceKind = keyof Schemas;
export type EvidenceData<K extends EvidenceKind> = Static<Schemas[K]>;
/** One learning record's meaning: its kind and the data of that kind. */
export type Evidence = { [K in EvidenceKind]: { kind: K; data: EvidenceData<K> } }[EvidenceKind];
/** The evidence of one kind. */
export type EvidenceOf<K extends EvidenceKind> = Extract<Evidence, { kind: K }>;

export const EVIDENCE_KINDS = Object.keys(evidenceSchemas) as EvidenceKind[];

type Validator = { Check(value: unknown): boolean; Errors(value: unknown): Iterable<unknown> };
const validators = new Map<string, Validator>(EVIDENCE_KINDS.map((k) => [k, Compile(evidenceSchemas[k] as TSchema)]));

export function isEvidenceKind(kind: string): kind is EvidenceKind {
  return Object.hasOwn(evidenceSchemas, kind);
}

/** A stored record that is not evidence of a known kind and shape: the chain holds something no writer wrote. */
export class EvidenceDecodeError extends Error {
  constructor(
    readonly kind: string,
    readonly problem: string,
    readonly recordId?: string,
  ) {
    super(`learning record${recordId ? ` ${recordId}` : ''} of kind '${kind}': ${problem}`);
    this.name = 'EvidenceDecodeError';
  }
}

/** The columns a record's meaning is stored in. */
export function encodeRecord(evidence: Evidence): { kind: EvidenceKind; data: string } {
  return { kind: evidence.kind, data: JSON.stringify(evidence.data) };
}

/** Reads a stored record's kind and data; throws EvidenceDecodeError for an unknown kind or malformed data. */
export function decodeRecord(row: { kind: string; data: string; id?: string }): Evidence {
  let value: unknown;
  try {
    value = JSON.parse(row.data);
  } catch {
    throw new EvidenceDecodeError(row.kind, 'data is not JSON', row.id);
  }
  return checkEvidence(row.kind, value, row.id);
}

/** Reads a record a query selected by kind: the data of that kind (the same refusals as decodeRecord). */
export function decodeRecordOf<K extends EvidenceKind>(kind: K, row: { data: string; id?: string }): EvidenceData<K> {
  return decodeRecord({ ...row, kind }).data as EvidenceData<K>;
}

/** Validates already-parsed data against its kind (for rows built in memory, as the detector bench does). */
export function checkEvidence(kind: string, data: unknown, recordId?: string): Evidence {
  const validator = validators.get(kind);
  if (!validator || !isEvidenceKind(kind)) throw new EvidenceDecodeError(kind, 'unknown kind', recordId);
  if (!validator.Check(data)) {
    const first = [...validator.Errors(data)][0] as { instancePath?: string; message?: string } | undefined;
    const where = first?.instancePath ? ` at ${first.instancePath}` : '';
    throw new EvidenceDecodeError(
      kind,
      `malformed data${where}: ${first?.message ?? 'does not match its kind'}`,
      recordId,
    );
  }
  return { kind, data } as Evidence;
}

/**
 * The documented builder of a record draft: every writer (the engine, face checks, revocation, the demo seed and the
 * test kits) turns typed evidence into a row with it, so no record is written as hand-made JSON.
 */
export function evidenceDraft(
  base: { userId: string; sessionId: string; at: string },
  evidence: Evidence,
  creditedMs = 0,
): RecordDraft {
  const { kind, data } = encodeRecord(evidence);
  return {
    id: newId(),
    user_id: base.userId,
    session_id: base.sessionId,
    kind,
    at: base.at,
    data,
    credited_ms: creditedMs,
  };
}
