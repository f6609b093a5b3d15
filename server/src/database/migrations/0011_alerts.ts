import type { Kysely } from 'kysely';

// Early warning: alerts with their evidence and history, in-app notifications, subsidy holds and the periodic scan's
// bookmark; indexes that let the scan read recent sessions and face checks without walking whole tables.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('severity', 'varchar(8)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('subject_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('subject_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('class_id', 'varchar(36)', (c) => c.references('classes.id'))
    .addColumn('institution_id', 'varchar(36)')
    .addColumn('region_code', 'varchar(6)')
    .addColumn('dedupe_key', 'varchar(400)', (c) => c.notNull().unique())
    .addColumn('window_start', 'varchar(30)', (c) => c.notNull())
    .addColumn('window_end', 'varchar(30)', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('session_ids', 'text', (c) => c.notNull())
    .addColumn('detections', 'integer', (c) => c.notNull())
    .addColumn('first_seen_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('proposal', 'varchar(16)')
    .addColumn('proposal_reason', 'varchar(1000)')
    .addColumn('proposed_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('proposed_at', 'varchar(30)')
    .addColumn('decided_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('decided_at', 'varchar(30)')
    .addColumn('decision_reason', 'varchar(1000)')
    .addColumn('revoked_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alerts_region_idx').on('alerts').columns(['region_code', 'last_seen_at']).execute();
  await db.schema
    .createIndex('alerts_institution_idx')
    .on('alerts')
    .columns(['institution_id', 'last_seen_at'])
    .execute();
  await db.schema.createIndex('alerts_user_idx').on('alerts').columns(['user_id', 'last_seen_at']).execute();
  await db.schema.createIndex('alerts_class_idx').on('alerts').columns(['class_id', 'last_seen_at']).execute();
  await db.schema.createIndex('alerts_status_idx').on('alerts').columns(['status', 'last_seen_at']).execute();

  await db.schema
    .createTable('alert_evidence')
    .addColumn('alert_id', 'varchar(36)', (c) => c.notNull().references('alerts.id'))
    .addColumn('ref_type', 'varchar(24)', (c) => c.notNull())
    .addColumn('ref_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(36)')
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('note', 'varchar(200)')
    .addPrimaryKeyConstraint('alert_evidence_pk', ['alert_id', 'ref_type', 'ref_id'])
    .execute();

  await db.schema
    .createTable('alert_events')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('alert_id', 'varchar(36)', (c) => c.notNull().references('alerts.id'))
    .addColumn('action', 'varchar(24)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('actor_role', 'varchar(24)')
    .addColumn('reason', 'varchar(1000)')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alert_events_alert_idx').on('alert_events').columns(['alert_id', 'at']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('ref_type', 'varchar(24)')
    .addColumn('ref_id', 'varchar(64)')
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('link', 'varchar(300)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('read_at', 'varchar(30)')
    .execute();
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('subsidy_holds')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('class_id', 'varchar(36)', (c) => c.references('classes.id'))
    .addColumn('alert_id', 'varchar(36)', (c) => c.notNull().unique().references('alerts.id'))
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('reason', 'varchar(1000)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('released_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('released_at', 'varchar(30)')
    .addColumn('release_reason', 'varchar(1000)')
    .execute();
  await db.schema.createIndex('subsidy_holds_user_idx').on('subsidy_holds').columns(['user_id', 'status']).execute();

  await db.schema
    .createTable('alert_scans')
    .addColumn('name', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('scanned_until', 'varchar(30)', (c) => c.notNull())
    .addColumn('locked_by', 'varchar(120)')
    .addColumn('locked_until', 'varchar(30)')
    .execute();

  await db.schema
    .createIndex('learning_sessions_started_idx')
    .on('learning_sessions')
    .columns(['started_at'])
    .execute();
  await db.schema
    .createIndex('learning_sessions_ip_idx')
    .on('learning_sessions')
    .columns(['ip', 'started_at'])
    .execute();
  await db.schema
    .createIndex('learning_sessions_device_idx')
    .on('learning_sessions')
    .columns(['device_id', 'started_at'])
    .execute();
  await db.schema.createIndex('face_checks_at_idx').on('face_checks').columns(['at']).execute();
  await db.schema.createIndex('face_alerts_created_idx').on('face_alerts').columns(['created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    'face_alerts_created_idx',
    'face_checks_at_idx',
    'learning_sessions_device_idx',
    'learning_sessions_ip_idx',
    'learning_sessions_started_idx',
  ]) {
    await db.schema.dropIndex(index).ifExists().execute();
  }
  for (const table of ['alert_scans', 'subsidy_holds', 'notifications', 'alert_events', 'alert_evidence', 'alerts'])
    await db.schema.dropTable(table).ifExists().execute();
}
