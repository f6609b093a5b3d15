import type { DbOrTrx } from '../../database/schema.js';
import type { Actor } from '../../platform/context.js';
import type { TargetGroup } from '../policies/index.js';

// What subsidies need from modules built elsewhere or higher in the module map. Subsidies owns these interfaces;
// services.ts wires the implementations (certificates and assessment from their modules once they land, holds and
// findings from alerts). Fakes for tests are in subsidies.testkit.ts.

/** Certificates (module `certificates`): the class's training certificate and the person's skill-level certificate. */
export interface CertificateFacts {
  trainingCertificateOf(
    db: DbOrTrx,
    classId: string,
    learnerId: string,
  ): Promise<{ number: string; issuedAt: string } | null>;
  skillLevelOf(
    db: DbOrTrx,
    personLookupHash: string,
    occupationCode: string,
  ): Promise<{ level: 1 | 2 | 3 | 4 | 5; number: string } | null>;
}

/** The learner's assessment outcome in a class (no result yet counts as not passed). */
export interface AssessmentOutcome {
  outcomeOf(db: DbOrTrx, classId: string, learnerId: string): Promise<{ passed: boolean }>;
}

/** Early warning (module `alerts`): subsidy holds still held, and confirmed findings about a learner or the class. */
export interface SupervisionFacts {
  forClass(
    db: DbOrTrx,
    classId: string,
    learnerIds: readonly string[],
  ): Promise<Map<string, { openHolds: number; confirmedFindings: number }>>;
}

/** Target-group membership confirmed by a regulator (living allowance); not recorded anywhere yet. */
export interface TargetGroupFacts {
  membershipOf(db: DbOrTrx, learnerId: string): Promise<{ group: TargetGroup; confirmed: boolean } | null>;
}

/** Until target-group membership is recorded with evidence and confirmed (not built yet), nobody is a member. */
export const NO_TARGET_GROUPS: TargetGroupFacts = { membershipOf: () => Promise.resolve(null) };

/** A learner's class hours as class progress reports them, in tenths (one decimal, already rounded down). */
export type LearnerHours = {
  onlineTenths: number;
  offlineTenths: number;
  /** Online counted with the policy's factor, plus offline: what the "hours" rules count. */
  creditedTenths: number;
  theoryComplete: boolean;
};

/** Hours per learner of a class under the class's policy (class progress: the learning engine's verified credit). */
export interface HoursFacts {
  forClass(actor: Actor, classId: string): Promise<Map<string, LearnerHours>>;
}

/** Until certificates and assessment land (built elsewhere), nobody holds a certificate and no exam is passed. */
export const NO_CERTIFICATES_YET: CertificateFacts = {
  trainingCertificateOf: () => Promise.resolve(null),
  skillLevelOf: () => Promise.resolve(null),
};
export const NO_ASSESSMENT_YET: AssessmentOutcome = { outcomeOf: () => Promise.resolve({ passed: false }) };

export type SubsidyPorts = {
  hours: HoursFacts;
  certificates: CertificateFacts;
  assessment: AssessmentOutcome;
  supervision: SupervisionFacts;
  targetGroups: TargetGroupFacts;
};
