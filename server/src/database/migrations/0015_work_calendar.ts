import type { Kysely } from 'kysely';

// The working-day calendar: the State Council's public holidays and make-up working days (调休), one row per day that
// differs from the plain week. Review deadlines count working days with it (modules/calendar).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('work_calendar')
    .addColumn('day', 'varchar(10)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('name', 'varchar(40)', (c) => c.notNull())
    .addColumn('source', 'varchar(300)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(36)')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('work_calendar').execute();
}
