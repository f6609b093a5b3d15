import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { institutionActions, nextInstitutionStatus, type InstitutionAction } from './institution-state.js';
import type { InstitutionDocumentKind, InstitutionStatus } from './institutions.tables.js';
import { documentRequirements, missingDocuments, missingParam } from './required-documents.js';

const STATUSES: InstitutionStatus[] = ['draft', 'submitted', 'returned', 'rejected', 'active', 'suspended'];
const ACTIONS: InstitutionAction[] = ['edit', 'submit', 'approve', 'return', 'reject', 'suspend', 'reinstate'];
const KINDS: InstitutionDocumentKind[] = ['business_licence', 'legal_person_certificate', 'school_permit', 'other'];

function refusal(from: InstitutionStatus, action: InstitutionAction): AppError | null {
  try {
    nextInstitutionStatus(from, action);
    return null;
  } catch (error) {
    return error as AppError;
  }
}

describe('institution lifecycle', () => {
  it('follows registration, review and suspension', () => {
    expect(nextInstitutionStatus('draft', 'submit')).toBe('submitted');
    expect(nextInstitutionStatus('submitted', 'return')).toBe('returned');
    expect(nextInstitutionStatus('returned', 'edit')).toBe('returned');
    expect(nextInstitutionStatus('returned', 'submit')).toBe('submitted');
    expect(nextInstitutionStatus('submitted', 'approve')).toBe('active');
    expect(nextInstitutionStatus('active', 'suspend')).toBe('suspended');
    expect(nextInstitutionStatus('suspended', 'reinstate')).toBe('active');
    expect(nextInstitutionStatus('submitted', 'reject')).toBe('rejected');
  });

  it('refuses everything else with a code naming the status and the action', () => {
    const error = refusal('draft', 'approve');
    expect(error?.code).toBe('INSTITUTION_ILLEGAL_TRANSITION');
    expect(error?.options.details).toEqual({ status: 'draft', action: 'approve' });
    expect(refusal('rejected', 'submit')?.code).toBe('INSTITUTION_ILLEGAL_TRANSITION');
    expect(refusal('submitted', 'edit')?.code).toBe('INSTITUTION_ILLEGAL_TRANSITION');
    expect(refusal('active', 'approve')?.code).toBe('INSTITUTION_ILLEGAL_TRANSITION');
    expect(refusal('suspended', 'suspend')?.code).toBe('INSTITUTION_ILLEGAL_TRANSITION');
    expect(institutionActions('rejected')).toEqual([]);
  });

  it('allows exactly the actions it lists, from every status', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATUSES), fc.constantFrom(...ACTIONS), (from, action) => {
        expect(refusal(from, action) === null).toBe(institutionActions(from).includes(action));
      }),
    );
  });

  it('lets only a submitted application become active, and only an active institution be suspended', () => {
    for (const from of STATUSES) {
      for (const action of ACTIONS) {
        if (refusal(from, action)) continue;
        const to = nextInstitutionStatus(from, action);
        if (to === 'active') expect(['submitted', 'suspended']).toContain(from);
        if (to === 'suspended') expect(from).toBe('active');
      }
    }
  });
});

describe('required qualification documents', () => {
  it('asks a training school for its registration and its school permit', () => {
    expect(missingDocuments('training', []).map((r) => r.key)).toEqual(['registration', 'school_permit']);
    expect(missingDocuments('training', ['business_licence']).map((r) => r.key)).toEqual(['school_permit']);
    expect(missingDocuments('training', ['legal_person_certificate', 'school_permit'])).toEqual([]);
    expect(missingDocuments('training', ['business_licence', 'school_permit', 'other'])).toEqual([]);
    expect(missingDocuments('training', ['school_permit', 'other']).map((r) => r.key)).toEqual(['registration']);
  });

  it('asks an enterprise for its business licence and a college for its legal-person certificate', () => {
    expect(missingDocuments('enterprise', ['legal_person_certificate']).map((r) => r.key)).toEqual([
      'business_licence',
    ]);
    expect(missingDocuments('enterprise', ['business_licence'])).toEqual([]);
    expect(missingDocuments('college', ['business_licence', 'school_permit']).map((r) => r.key)).toEqual([
      'legal_person_certificate',
    ]);
    expect(missingDocuments('college', ['legal_person_certificate'])).toEqual([]);
  });

  const institutionKind = fc.constantFrom('training' as const, 'enterprise' as const, 'college' as const);

  it('is satisfied by any superset of a complete set of documents', () => {
    fc.assert(
      fc.property(institutionKind, fc.subarray(KINDS), fc.subarray(KINDS), (kind, a, b) => {
        fc.pre(missingDocuments(kind, a).length === 0);
        expect(missingDocuments(kind, [...a, ...b])).toEqual([]);
      }),
    );
  });

  it('never needs "other" documents', () => {
    fc.assert(
      fc.property(institutionKind, fc.subarray(KINDS), (kind, a) => {
        expect(documentRequirements(kind, a).every((r) => !r.kinds.includes('other'))).toBe(true);
      }),
    );
  });

  it('names what is missing in both languages', () => {
    expect(missingParam(missingDocuments('training', []))).toEqual({
      'zh-CN': '营业执照或法人证书、办学许可证',
      en: 'business licence or legal-person certificate, school permit',
    });
  });
});
