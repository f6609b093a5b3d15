import type { Platform } from '../../bootstrap.js';
import { newId } from '../../platform/ids.js';
import type { PolicyOverride } from '../policies/index.js';
import { ClaimsService } from './claims.service.js';
import type {
  AssessmentOutcome,
  CertificateFacts,
  HoursFacts,
  LearnerHours,
  SubsidyPorts,
  SupervisionFacts,
  TargetGroupFacts,
} from './ports.js';

// Fakes of the subsidies module's ports, for its tests and other modules' (the merger wires the real certificates and
// assessment modules; these stand in until then). Each fake answers from a table the test fills in.

export type FakeFacts = {
  /** Hours per learner id (tenths); learners not listed have none. */
  hours: Map<string, LearnerHours>;
  trainingCertificates: Map<string, { number: string; issuedAt: string }>;
  skillLevels: Map<string, { level: 1 | 2 | 3 | 4 | 5; number: string }>;
  passed: Set<string>;
  holds: Map<string, number>;
  findings: Map<string, number>;
};

export function fakeFacts(): FakeFacts {
  return {
    hours: new Map(),
    trainingCertificates: new Map(),
    skillLevels: new Map(),
    passed: new Set(),
    holds: new Map(),
    findings: new Map(),
  };
}

/** Hours of a learner as class progress would give them. */
export const hoursOf = (credited: number, theoryComplete = true): LearnerHours => ({
  onlineTenths: Math.round(credited * 5),
  offlineTenths: Math.round(credited * 10) - Math.round(credited * 5),
  creditedTenths: Math.round(credited * 10),
  theoryComplete,
});

export function fakePorts(facts: FakeFacts): SubsidyPorts {
  const hours: HoursFacts = {
    forClass: (_actor, _classId) => Promise.resolve(new Map(facts.hours)),
  };
  const certificates: CertificateFacts = {
    trainingCertificateOf: (_db, classId, learnerId) =>
      Promise.resolve(facts.trainingCertificates.get(`${classId}/${learnerId}`) ?? null),
    skillLevelOf: (_db, personHash, occupationCode) =>
      Promise.resolve(facts.skillLevels.get(`${personHash}/${occupationCode}`) ?? null),
  };
  const assessment: AssessmentOutcome = {
    outcomeOf: (_db, classId, learnerId) => Promise.resolve({ passed: facts.passed.has(`${classId}/${learnerId}`) }),
  };
  const supervision: SupervisionFacts = {
    forClass: (_db, _classId, learnerIds) =>
      Promise.resolve(
        new Map(
          learnerIds.map((id) => [
            id,
            { openHolds: facts.holds.get(id) ?? 0, confirmedFindings: facts.findings.get(id) ?? 0 },
          ]),
        ),
      ),
  };
  const targetGroups: TargetGroupFacts = { membershipOf: () => Promise.resolve(null) };
  return { hours, certificates, assessment, supervision, targetGroups };
}

/** Puts claims with these ports behind the platform's routes (the routes look the service up per request). */
export function useSubsidyPorts(p: Platform, ports: SubsidyPorts): void {
  const { db, clock } = p.services.infra;
  p.services.subsidyClaims = new ClaimsService({
    db,
    clock,
    audit: p.services.audit,
    policies: p.services.policies,
    ports,
  });
}

/** Publishes a new version of a region's override (as the operator would), so classes without refs use it. */
export async function publishOverride(p: Platform, scope: string, document: PolicyOverride): Promise<void> {
  const { db, clock } = p.services.infra;
  const last = await db
    .selectFrom('policies')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('scope', '=', scope)
    .executeTakeFirst();
  await db
    .insertInto('policies')
    .values({
      id: newId(),
      scope,
      version: Number(last?.v ?? 0) + 1,
      document: JSON.stringify(document),
      note: 'test',
      created_by: null,
      created_at: clock.now().toISOString(),
    })
    .execute();
}
