import type { DbOrTrx } from '../../database/schema.js';
import type { StatsScope } from './rollup.js';
import { whereScope } from './stats.scope.js';

export type AlertCount = { type: string; count: number; open: number };

/**
 * Early-warning alerts in a scope by kind, for the dashboards: the detectors' alerts (modules/alerts), scoped by the
 * class's (or learner's) institution and region. Face alerts are not counted separately: the detectors turn them into
 * alerts of their own (shared_face, face_mismatch), so counting both would count them twice.
 */
export async function alertCountsByType(db: DbOrTrx, scope: StatsScope): Promise<AlertCount[]> {
  const rows = await whereScope(
    db
      .selectFrom('alerts')
      .select((eb) => [
        'kind',
        eb.fn.countAll<string | number>().as('n'),
        eb.fn
          .sum<string | number>(eb.case().when('status', 'in', ['open', 'under_review']).then(1).else(0).end())
          .as('open'),
      ]),
    scope,
  )
    .groupBy('kind')
    .execute();
  return rows
    .map((r) => ({ type: r.kind, count: Number(r.n), open: Number(r.open ?? 0) }))
    .sort((a, b) => b.count - a.count);
}
