import type { InstitutionDocumentKind, InstitutionKind } from './institutions.tables.js';

// Which qualification documents an application needs before it may be submitted, by kind of institution:
// a training school its registration (business licence, or the legal-person certificate of a private non-enterprise
// unit) and its school permit (办学许可证); an enterprise its business licence; a college its legal-person certificate.

export type DocumentRequirement = {
  /** Stable key for the client's text, e.g. `registration` or `school_permit`. */
  key: 'registration' | 'business_licence' | 'legal_person_certificate' | 'school_permit';
  /** Any one of these kinds satisfies the requirement. */
  kinds: InstitutionDocumentKind[];
  satisfied: boolean;
};

const RULES: Record<InstitutionKind, { key: DocumentRequirement['key']; kinds: InstitutionDocumentKind[] }[]> = {
  training: [
    { key: 'registration', kinds: ['business_licence', 'legal_person_certificate'] },
    { key: 'school_permit', kinds: ['school_permit'] },
  ],
  enterprise: [{ key: 'business_licence', kinds: ['business_licence'] }],
  college: [{ key: 'legal_person_certificate', kinds: ['legal_person_certificate'] }],
};

export function documentRequirements(
  kind: InstitutionKind,
  uploaded: readonly InstitutionDocumentKind[],
): DocumentRequirement[] {
  const have = new Set(uploaded);
  return RULES[kind].map((rule) => ({
    key: rule.key,
    kinds: [...rule.kinds],
    satisfied: rule.kinds.some((k) => have.has(k)),
  }));
}

export function missingDocuments(
  kind: InstitutionKind,
  uploaded: readonly InstitutionDocumentKind[],
): DocumentRequirement[] {
  return documentRequirements(kind, uploaded).filter((r) => !r.satisfied);
}

const LABELS: Record<DocumentRequirement['key'], { zh: string; en: string }> = {
  registration: { zh: '营业执照或法人证书', en: 'business licence or legal-person certificate' },
  business_licence: { zh: '营业执照', en: 'business licence' },
  legal_person_certificate: { zh: '法人证书', en: 'legal-person certificate' },
  school_permit: { zh: '办学许可证', en: 'school permit' },
};

/** The `{missing}` message parameter: the missing requirements named in both languages. */
export function missingParam(missing: readonly DocumentRequirement[]): { 'zh-CN': string; en: string } {
  return {
    'zh-CN': missing.map((m) => LABELS[m.key].zh).join('、'),
    en: missing.map((m) => LABELS[m.key].en).join(', '),
  };
}
