import fc from 'fast-check';
import type { TSchema } from 'typebox';
import { describe, expect, it } from 'vitest';
import {
  EVIDENCE_KINDS,
  EvidenceDecodeError,
  checkEvidence,
  decodeRecord,
  decodeRecordOf,
  encodeRecord,
  evidenceSchemas,
  type Evidence,
} from './evidence.js';

// Learning evidence is one union of record kinds: what a writer encodes, a reader decodes to the same value, the bytes
// of records stored before the union existed are read and re-encoded unchanged (the hash chain covers them), and a
// record of no known kind or shape is refused loudly.

/** Values of a TypeBox schema (the subset evidence schemas use), JSON-safe: no -0, NaN or infinities. */
function arbitraryOf(schema: TSchema): fc.Arbitrary<unknown> {
  const s = schema as Record<string, unknown>;
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.anyOf)) return fc.oneof(...(s.anyOf as TSchema[]).map(arbitraryOf));
  switch (s.type) {
    case 'string':
      return fc.string({ maxLength: 12 });
    case 'number':
      return fc.oneof(
        fc.integer({ min: -1e9, max: 1e12 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
      );
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return Array.isArray(s.items)
        ? fc.tuple(...(s.items as TSchema[]).map(arbitraryOf))
        : fc.array(arbitraryOf(s.items as TSchema), { maxLength: 4 });
    case 'object': {
      const properties = s.properties as Record<string, TSchema>;
      const required = (s.required as string[] | undefined) ?? [];
      return fc.record(Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, arbitraryOf(v)])), {
        requiredKeys: required,
      });
    }
    default:
      // Type.Unknown (the copied policy references): any JSON value.
      return fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
  }
}

const anyEvidence: fc.Arbitrary<Evidence> = fc.oneof(
  ...EVIDENCE_KINDS.map((kind) => arbitraryOf(evidenceSchemas[kind]).map((data) => ({ kind, data }) as Evidence)),
);

describe('learning evidence', () => {
  it('decodes what was encoded, for every kind, and re-encodes the stored bytes unchanged', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(anyEvidence, (evidence) => {
        seen.add(evidence.kind);
        const stored = encodeRecord(evidence);
        const decoded = decodeRecord(stored);
        expect(decoded).toEqual(evidence);
        expect(encodeRecord(decoded)).toEqual(stored);
      }),
      { numRuns: 500 },
    );
    expect([...seen].sort()).toEqual([...EVIDENCE_KINDS].sort());
  });

  it('reads records stored before the union existed, byte for byte', () => {
    // As the engine wrote them (learning.service.ts) and as the demo seed wrote its shorter heartbeats.
    const stored = [
      {
        kind: 'heartbeat',
        data: '{"seq":4,"positionMs":80000,"playing":true,"rate":1,"visible":true,"focused":true,"clientTimeMs":1764000000000,"effectiveAt":"2026-11-24T02:01:20.000Z","fromPositionMs":60000,"heldMs":0,"reason":null}',
      },
      {
        kind: 'heartbeat',
        data: '{"seq":1,"positionMs":20000,"playing":true,"rate":1,"visible":true,"focused":true,"reason":null}',
      },
      {
        kind: 'session_started',
        data: '{"classId":"c","courseId":"k","lessonId":"l","durationMs":600000,"positionMs":0,"deviceId":"d","ip":"10.0.0.1","userAgent":"UA","clientTimeMs":1,"policyRefs":{"national":1,"applied":[]}}',
      },
      { kind: 'session_ended', data: '{"reason":"signed_out","creditedMs":20000,"heldMsDropped":0}' },
    ];
    for (const row of stored) expect(encodeRecord(decodeRecord(row))).toEqual(row);
  });

  it('refuses an unknown kind', () => {
    expect(() => decodeRecord({ id: 'r1', kind: 'heartbeet', data: '{}' })).toThrow(EvidenceDecodeError);
    expect(() => decodeRecord({ id: 'r1', kind: 'heartbeet', data: '{}' })).toThrow(
      "learning record r1 of kind 'heartbeet': unknown kind",
    );
    expect(() => checkEvidence('toString', {})).toThrow('unknown kind');
  });

  it('refuses malformed data: not JSON, a missing field, a wrong type, a value outside its set', () => {
    expect(() => decodeRecord({ kind: 'session_ended', data: '{"creditedMs":' })).toThrow('data is not JSON');
    // creditedMs is required (the held-time fields are optional since ADR 0008 changed them).
    expect(() => decodeRecord({ kind: 'session_ended', data: '{"heldMsCarried":5}' })).toThrow(/malformed data/);
    expect(() => decodeRecord({ kind: 'heartbeat', data: '{"seq":"1","positionMs":0,"reason":null}' })).toThrow(
      /malformed data/,
    );
    expect(() =>
      decodeRecord({
        kind: 'check_answered',
        data: '{"checkId":"c","kind":"code","result":"maybe","attempt":1,"committedMs":0}',
      }),
    ).toThrow(/malformed data/);
    expect(() => decodeRecord({ kind: 'check_missed', data: 'null' })).toThrow(EvidenceDecodeError);
    expect(() => decodeRecordOf('check_missed', { data: '{"checkId":"c","kind":"palm","deadline":"x"}' })).toThrow(
      EvidenceDecodeError,
    );
  });
});
