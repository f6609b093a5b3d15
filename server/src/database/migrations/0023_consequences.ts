import { sql, type Kysely } from 'kysely';

// Consequences of fraud (issue 17, seed 001): recovery orders for subsidies already paid (with their history),
// platform-wide teacher disqualifications (by the person's ID lookup hash; the qualifications they withdrew point
// back to them so a lift restores exactly those), institution credit events, and the claim's strict-review flag.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('subsidy_recovery_orders')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('line_id', 'varchar(36)', (c) => c.notNull().references('subsidy_claim_lines.id'))
    .addColumn('claim_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('institution_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
    .addColumn('alert_id', 'varchar(36)')
    .addColumn('payer', 'varchar(12)', (c) => c.notNull())
    .addColumn('learner_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('learner_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('recovered_fen', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)', (c) => c.notNull())
    .addColumn('due_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('overdue_at', 'varchar(30)')
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('closed_at', 'varchar(30)')
    .execute();
  // One order per paid line and payer: a second finding on the same learner does not recover the money twice.
  await db.schema
    .createIndex('subsidy_recovery_orders_line_payer_uq')
    .on('subsidy_recovery_orders')
    .columns(['line_id', 'payer'])
    .unique()
    .execute();
  await db.schema
    .createIndex('subsidy_recovery_orders_region_idx')
    .on('subsidy_recovery_orders')
    .columns(['region_code', 'status'])
    .execute();
  await db.schema
    .createIndex('subsidy_recovery_orders_institution_idx')
    .on('subsidy_recovery_orders')
    .columns(['institution_id'])
    .execute();

  await db.schema
    .createTable('subsidy_recovery_events')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('order_id', 'varchar(36)', (c) => c.notNull().references('subsidy_recovery_orders.id'))
    .addColumn('action', 'varchar(20)', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(36)')
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('subsidy_recovery_events_order_idx')
    .on('subsidy_recovery_events')
    .columns(['order_id'])
    .execute();

  await db.schema
    .createTable('teacher_disqualifications')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('person_hash', 'varchar(128)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('region_code', 'varchar(12)')
    .addColumn('alert_id', 'varchar(36)')
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('lifted_by', 'varchar(36)')
    .addColumn('lifted_at', 'varchar(30)')
    .addColumn('lift_reason', 'varchar(500)')
    .execute();
  // At most one disqualification in force per person.
  await db.schema
    .createIndex('teacher_disqualifications_person_active_uq')
    .on('teacher_disqualifications')
    .columns(['person_hash'])
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute();
  await db.schema.alterTable('teacher_qualifications').addColumn('disqualification_id', 'varchar(36)').execute();

  await db.schema
    .createTable('institution_credit_events')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('institution_id', 'varchar(36)', (c) => c.notNull().references('institutions.id'))
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('severity', 'varchar(10)', (c) => c.notNull())
    .addColumn('ref_type', 'varchar(24)', (c) => c.notNull())
    .addColumn('ref_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)', (c) => c.notNull())
    .addColumn('recorded_by', 'varchar(36)')
    .addColumn('occurred_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  // An event is recorded once per thing it is about (a finding, an order opened, an order gone overdue).
  await db.schema
    .createIndex('institution_credit_events_ref_uq')
    .on('institution_credit_events')
    .columns(['institution_id', 'kind', 'ref_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('institution_credit_events_occurred_idx')
    .on('institution_credit_events')
    .columns(['occurred_at'])
    .execute();

  await db.schema
    .alterTable('subsidy_claims')
    .addColumn('strict_review', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('subsidy_claims').dropColumn('strict_review').execute();
  await db.schema.dropTable('institution_credit_events').execute();
  await db.schema.alterTable('teacher_qualifications').dropColumn('disqualification_id').execute();
  await db.schema.dropTable('teacher_disqualifications').execute();
  await db.schema.dropTable('subsidy_recovery_events').execute();
  await db.schema.dropTable('subsidy_recovery_orders').execute();
}
