import type { DbOrTrx } from '../../database/schema.js';

// Two more facts a certificate depends on, as ports so that the modules owning them can change without certificates
// changing: confirmed fraud findings on the learner in the class, and an open subsidy hold.
//
// - FraudFindings: `alertFraudFindings` below reads early warning's confirmed alerts on the learner and class
//   (alerts sits below certificates in the module map, so the table is read directly, read-only).
// - SubsidyHolds: early warning holds a learner's subsidy when it confirms an alert (alerts' subsidy_holds);
//   services.ts wires AlertsService.isSubsidyHeld. The subsidies module, when it exists, implements this port with
//   its own holds; `noSubsidyHolds` is the default that says none (for tests of other rules).

export interface FraudFindings {
  /** How many confirmed fraud findings (alerts) there are on this learner in this class. */
  confirmedCount(db: DbOrTrx, classId: string, learnerId: string): Promise<number>;
}

export interface SubsidyHolds {
  /** Whether this learner's subsidy for this class (or for every class) is on hold. */
  heldFor(db: DbOrTrx, classId: string, learnerId: string): Promise<boolean>;
}

export const noSubsidyHolds: SubsidyHolds = { heldFor: async () => false };

export const alertFraudFindings: FraudFindings = {
  async confirmedCount(db, classId, learnerId) {
    const { n } = await db
      .selectFrom('alerts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', learnerId)
      .where('class_id', '=', classId)
      .where('status', '=', 'confirmed')
      .executeTakeFirstOrThrow();
    return Number(n);
  },
};
