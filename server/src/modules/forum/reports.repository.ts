/** SQL for reports. One report per reporter and target: repeating it is not a new report. */
import type { Db } from '../../db/database';
import type { ReportTarget } from '../../db/schema';
import { isoNow } from '../../lib/time';

export async function insertReportOnce(
  db: Db,
  values: { reporterId: number; targetType: ReportTarget; targetId: number; reason: string; detail: string | null },
): Promise<number> {
  await db
    .insertInto('reports')
    .values({
      reporter_id: values.reporterId,
      target_type: values.targetType,
      target_id: values.targetId,
      reason: values.reason,
      detail: values.detail,
      status: 'open',
      created_at: isoNow(),
    })
    .onConflict((oc) => oc.columns(['reporter_id', 'target_type', 'target_id']).doNothing())
    .execute();
  const row = await db
    .selectFrom('reports')
    .select('id')
    .where('reporter_id', '=', values.reporterId)
    .where('target_type', '=', values.targetType)
    .where('target_id', '=', values.targetId)
    .executeTakeFirstOrThrow();
  return row.id;
}
