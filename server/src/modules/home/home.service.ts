import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.js';
import type { Actor } from '../../platform/context.js';
import { regionLike } from '../regions/index.js';

export type Home = {
  role: Actor['role'];
  cards: { key: string; value: number | string }[];
  actions: { key: string; path: string }[];
};

/** What each role sees first: the figures it is responsible for and what it can do today. */
export class HomeService {
  constructor(private readonly deps: { db: Kysely<Database> }) {}

  private async count(q: { executeTakeFirstOrThrow(): Promise<{ n: string | number | bigint }> }): Promise<number> {
    return Number((await q.executeTakeFirstOrThrow()).n);
  }

  async forActor(actor: Actor): Promise<Home> {
    const { db } = this.deps;
    const users = db.selectFrom('users').select((eb) => eb.fn.countAll().as('n'));
    const institutions = db.selectFrom('institutions').select((eb) => eb.fn.countAll().as('n'));
    const invitations = db
      .selectFrom('invitations')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'pending');
    switch (actor.role) {
      case 'operator':
        return {
          role: actor.role,
          cards: [
            { key: 'learners', value: await this.count(users.where('role', '=', 'learner')) },
            { key: 'institutions', value: await this.count(institutions) },
            { key: 'regulators', value: await this.count(users.where('role', '=', 'regulator')) },
            { key: 'pendingInvitations', value: await this.count(invitations) },
          ],
          actions: [
            { key: 'inviteRegulator', path: '/invitations' },
            { key: 'users', path: '/users' },
            { key: 'audit', path: '/audit' },
          ],
        };
      case 'regulator': {
        const prefix = regionLike(actor.regionCode!);
        return {
          role: actor.role,
          cards: [
            { key: 'institutions', value: await this.count(institutions.where('region_code', 'like', prefix)) },
            {
              key: 'learners',
              value: await this.count(users.where('role', '=', 'learner').where('region_code', 'like', prefix)),
            },
            {
              key: 'teachers',
              value: await this.count(users.where('role', '=', 'teacher').where('region_code', 'like', prefix)),
            },
            { key: 'pendingInvitations', value: await this.count(invitations.where('region_code', 'like', prefix)) },
          ],
          actions: [
            { key: 'institutions', path: '/institutions' },
            { key: 'users', path: '/users' },
            { key: 'invite', path: '/invitations' },
            { key: 'audit', path: '/audit' },
          ],
        };
      }
      case 'institution_admin':
      case 'teacher': {
        const own = actor.institutionId ?? '-';
        return {
          role: actor.role,
          cards: [
            {
              key: 'learners',
              value: await this.count(users.where('role', '=', 'learner').where('institution_id', '=', own)),
            },
            {
              key: 'teachers',
              value: await this.count(users.where('role', '=', 'teacher').where('institution_id', '=', own)),
            },
          ],
          actions:
            actor.role === 'institution_admin'
              ? [
                  { key: 'users', path: '/users' },
                  { key: 'inviteTeacher', path: '/invitations' },
                  { key: 'institution', path: '/institutions' },
                ]
              : [{ key: 'users', path: '/users' }],
        };
      }
      default: {
        const me = await db
          .selectFrom('users')
          .leftJoin('institutions', 'institutions.id', 'users.institution_id')
          .select(['institutions.name as institution_name'])
          .where('users.id', '=', actor.userId)
          .executeTakeFirst();
        return {
          role: actor.role,
          cards: [{ key: 'institution', value: me?.institution_name ?? '—' }],
          actions: [{ key: 'profile', path: '/profile' }],
        };
      }
    }
  }
}
