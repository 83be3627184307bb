import { type Kysely, sql } from 'kysely';

/**
 * Red flags reach a clinician: when the flag was raised (and from where), whether the on-call alert
 * went out, and the doctor's acknowledgement (who, when, what was done). An urgent encounter with no
 * acknowledgement is in the review queue whatever its status, so the partial index serves the queue,
 * the dashboard and the "oldest unacknowledged" gauge.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('encounters')
    .addColumn('flagged_at', 'timestamptz')
    .addColumn('flag_source', 'text', (c) => c.check(sql`flag_source in ('intake', 'screening', 'qa')`))
    .addColumn('alert_status', 'text', (c) => c.check(sql`alert_status in ('pending', 'sent', 'failed', 'not_configured')`))
    .addColumn('alert_sent_at', 'timestamptz')
    .addColumn('acknowledged_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('acknowledgement_action', 'text', (c) =>
      c.check(sql`acknowledgement_action in ('called_patient', 'advised_ed', 'no_action')`),
    )
    .addColumn('acknowledgement_reason', 'text')
    .addColumn('acknowledgement_message', 'text')
    .execute();
  await db.schema
    .createIndex('encounters_unacknowledged_idx')
    .on('encounters')
    .column('flagged_at')
    .where(sql.ref('acknowledged_at'), 'is', null)
    .where(sql.ref('flagged_at'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('encounters_unacknowledged_idx').execute();
  await db.schema
    .alterTable('encounters')
    .dropColumn('acknowledgement_message')
    .dropColumn('acknowledgement_reason')
    .dropColumn('acknowledgement_action')
    .dropColumn('acknowledged_at')
    .dropColumn('acknowledged_by')
    .dropColumn('alert_sent_at')
    .dropColumn('alert_status')
    .dropColumn('flag_source')
    .dropColumn('flagged_at')
    .execute();
}
