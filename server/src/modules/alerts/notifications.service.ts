import type { Kysely } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';

export const notificationPermissions = declarePermissions({
  'notifications.read': ['learner', 'teacher', 'institution_admin', 'regulator', 'operator'],
});

export type Notification = {
  id: string;
  kind: string;
  refType: string | null;
  refId: string | null;
  params: Record<string, unknown>;
  link: string | null;
  createdAt: string;
  readAt: string | null;
};

/** Who hears about a place: the institution's administrators and the regulators of its region and the regions above. */
export type Audience = {
  institutionId: string | null;
  regionCode: string | null;
  institutionAdmins: boolean;
  regulators: boolean;
};

/** The region itself and its ancestors (county → city → province), as regulators' region codes. */
export function regionChain(code: string): string[] {
  return [...new Set([`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code])];
}

/**
 * In-app notifications: one row per recipient, written in the transaction of what they announce, listed and marked
 * read by their recipient only. The platform has no other notification channel yet (SMS is for sign-in codes).
 */
export class NotificationsService {
  constructor(private readonly deps: { db: Kysely<Database>; clock: Clock }) {}

  async recipients(db: DbOrTrx, audience: Audience): Promise<string[]> {
    const ids = new Set<string>();
    if (audience.institutionAdmins && audience.institutionId) {
      const rows = await db
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'institution_admin')
        .where('institution_id', '=', audience.institutionId)
        .where('status', '=', 'active')
        .execute();
      for (const r of rows) ids.add(r.id);
    }
    if (audience.regulators && audience.regionCode) {
      const rows = await db
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'regulator')
        .where('region_code', 'in', regionChain(audience.regionCode))
        .where('status', '=', 'active')
        .execute();
      for (const r of rows) ids.add(r.id);
    }
    return [...ids];
  }

  async notify(
    db: DbOrTrx,
    userIds: readonly string[],
    message: { kind: string; refType?: string; refId?: string; params: Record<string, unknown>; link?: string },
  ): Promise<number> {
    if (userIds.length === 0) return 0;
    const now = this.deps.clock.now().toISOString();
    await db
      .insertInto('notifications')
      .values(
        userIds.map((user_id) => ({
          id: newId(),
          user_id,
          kind: message.kind,
          ref_type: message.refType ?? null,
          ref_id: message.refId ?? null,
          params: JSON.stringify(message.params),
          link: message.link ?? null,
          created_at: now,
          read_at: null,
        })),
      )
      .execute();
    return userIds.length;
  }

  async list(
    actor: Actor,
    filter: { unread?: boolean; limit?: number } = {},
  ): Promise<{ items: Notification[]; unread: number }> {
    requirePermission(actor, notificationPermissions['notifications.read']);
    let q = this.deps.db.selectFrom('notifications').selectAll().where('user_id', '=', actor.userId);
    if (filter.unread) q = q.where('read_at', 'is', null);
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit ?? 50)
      .execute();
    const { n } = await this.deps.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', actor.userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return {
      unread: Number(n),
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        refType: r.ref_type,
        refId: r.ref_id,
        params: JSON.parse(r.params) as Record<string, unknown>,
        link: r.link,
        createdAt: r.created_at,
        readAt: r.read_at,
      })),
    };
  }

  /** Marks one notification read, or all of them when `id` is 'all'. */
  async markRead(actor: Actor, id: string): Promise<{ updated: number }> {
    requirePermission(actor, notificationPermissions['notifications.read']);
    let q = this.deps.db
      .updateTable('notifications')
      .set({ read_at: this.deps.clock.now().toISOString() })
      .where('user_id', '=', actor.userId)
      .where('read_at', 'is', null);
    if (id !== 'all') {
      const mine = await this.deps.db
        .selectFrom('notifications')
        .select('id')
        .where('id', '=', id)
        .where('user_id', '=', actor.userId)
        .executeTakeFirst();
      if (!mine) throw new AppError('NOT_FOUND');
      q = q.where('id', '=', id);
    }
    const result = await q.executeTakeFirst();
    return { updated: Number(result.numUpdatedRows) };
  }
}
