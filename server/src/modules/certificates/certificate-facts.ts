import type { DbOrTrx } from '../../database/schema.js';

// What other modules may know of a person's certificates, read on the caller's connection: the subsidies module's
// CertificateFacts port (subsidies/ports.ts) is implemented by this object (services.ts wires it).

export const certificateFacts = {
  /** The learner's valid (not revoked) training certificate of the class. */
  async trainingCertificateOf(
    db: DbOrTrx,
    classId: string,
    learnerId: string,
  ): Promise<{ number: string; issuedAt: string } | null> {
    const row = await db
      .selectFrom('certificates')
      .select(['number', 'issued_at'])
      .where('class_id', '=', classId)
      .where('user_id', '=', learnerId)
      .where('status', '=', 'valid')
      .executeTakeFirst();
    return row ? { number: row.number, issuedAt: row.issued_at } : null;
  },

  /** The person's highest skill level in the occupation (level 1 is the highest), by resident ID lookup hash. */
  async skillLevelOf(
    db: DbOrTrx,
    personLookupHash: string,
    occupationCode: string,
  ): Promise<{ level: 1 | 2 | 3 | 4 | 5; number: string } | null> {
    const row = await db
      .selectFrom('skill_certificates')
      .select(['level', 'number'])
      .where('id_number_hash', '=', personLookupHash)
      .where('occupation_code', '=', occupationCode)
      .orderBy('level')
      .orderBy('issued_on', 'desc')
      .executeTakeFirst();
    return row ? { level: row.level as 1 | 2 | 3 | 4 | 5, number: row.number } : null;
  },
};
