import type { Kysely } from 'kysely';

// Credit is provisional until presence is confirmed (ADR 0008): the ground held since the last passed check and the
// check still outstanding belong to the learner and the lesson, so a new session (after an end, a restart, another
// device) starts with them. They live with the lesson's progress row, which every API node reads at a start.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('lesson_progress')
    .addColumn('held', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .alterTable('lesson_progress')
    .addColumn('held_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('lesson_progress').addColumn('open_check', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['open_check', 'held_ms', 'held'])
    await db.schema.alterTable('lesson_progress').dropColumn(column).execute();
}
