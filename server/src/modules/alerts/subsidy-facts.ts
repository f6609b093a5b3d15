import type { DbOrTrx } from '../../database/schema.js';

// Implements the subsidies module's SupervisionFacts port (subsidies/ports.ts; wired in services.ts): per learner of a
// class, the subsidy holds still held (for this class or for every class) and the confirmed findings — confirmed
// alerts about the learner (in this class or without a class) whose hold a regulator has not released, and confirmed
// alerts about the class itself, which concern every learner of it.
export const alertSupervisionFacts = {
  async forClass(
    db: DbOrTrx,
    classId: string,
    learnerIds: readonly string[],
  ): Promise<Map<string, { openHolds: number; confirmedFindings: number }>> {
    const out = new Map<string, { openHolds: number; confirmedFindings: number }>();
    for (const id of learnerIds) out.set(id, { openHolds: 0, confirmedFindings: 0 });
    if (learnerIds.length === 0) return out;
    const ids = [...learnerIds];
    const holds = await db
      .selectFrom('subsidy_holds')
      .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'held')
      .where('user_id', 'in', ids)
      .where((eb) => eb.or([eb('class_id', '=', classId), eb('class_id', 'is', null)]))
      .groupBy('user_id')
      .execute();
    for (const h of holds) out.get(h.user_id)!.openHolds = Number(h.n);
    const findings = await db
      .selectFrom('alerts')
      .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'confirmed')
      .where('user_id', 'in', ids)
      .where((eb) => eb.or([eb('class_id', '=', classId), eb('class_id', 'is', null)]))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('subsidy_holds')
              .select('subsidy_holds.id')
              .whereRef('subsidy_holds.alert_id', '=', 'alerts.id')
              .where('subsidy_holds.status', '=', 'released'),
          ),
        ),
      )
      .groupBy('user_id')
      .execute();
    for (const f of findings) if (f.user_id) out.get(f.user_id)!.confirmedFindings += Number(f.n);
    const aboutClass = await db
      .selectFrom('alerts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'confirmed')
      .where('subject_type', '=', 'class')
      .where('subject_id', '=', classId)
      .executeTakeFirst();
    const classFindings = Number(aboutClass?.n ?? 0);
    if (classFindings > 0) for (const v of out.values()) v.confirmedFindings += classFindings;
    return out;
  },
};
