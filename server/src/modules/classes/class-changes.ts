import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../database/schema.js';
import type { ClassChangesTable } from './classes.tables.js';
import { isOverdue } from '../calendar/index.js';

// Changes after approval, as the reviewer needs to read them: what the class had when the change was proposed
// ("before", kept with the change) next to what is proposed ("after"), and the names behind the ids in either.

export type ChangeSession = {
  title: string;
  venueName: string;
  address: string;
  latitude: number;
  longitude: number;
  startsAt: string;
  endsAt: string;
};
export type ClassChangeInput =
  | { kind: 'teachers'; teacherIds: string[] }
  | { kind: 'sessions'; sessions: ChangeSession[] }
  | { kind: 'dates'; startDate: string; endDate: string }
  | { kind: 'roster'; add: string[]; remove: string[] };
/** The part of the class a change replaces, as it was; for the roster, how many were enrolled. */
export type ClassChangeBefore =
  | { kind: 'teachers'; teacherIds: string[] }
  | { kind: 'sessions'; sessions: ChangeSession[] }
  | { kind: 'dates'; startDate: string; endDate: string }
  | { kind: 'roster'; learnerCount: number };
/** Who the ids of a change are: teachers by name, learners by name and masked ID number. */
export type ChangePeople = Record<string, { name: string; idNumberMasked: string }>;

/** The regulator's decision on a change: what they wrote, and who. */
export type ChangeDecision = { comment: string; actorName: string; at: string };
export type ClassChange = {
  id: string;
  classId: string;
  kind: ClassChangeInput['kind'];
  change: ClassChangeInput;
  before: ClassChangeBefore | null;
  people: ChangePeople;
  reason: string;
  status: string;
  submittedAt: string;
  reviewDueAt: string;
  overdue: boolean;
  decidedAt: string | null;
  decision: ChangeDecision | null;
};
/** What change rows are read with: the people they name and the decisions taken on them. */
export type ChangeContext = { people: ChangePeople; decisions: Map<string, ChangeDecision> };

type ChangeRow = Selectable<ClassChangesTable>;

/** The class's current state of what a change of this kind would replace. */
export async function changeSnapshot(
  db: DbOrTrx,
  classId: string,
  kind: ClassChangeInput['kind'],
): Promise<ClassChangeBefore> {
  if (kind === 'teachers') {
    const rows = await db.selectFrom('class_teachers').select('user_id').where('class_id', '=', classId).execute();
    return { kind, teacherIds: rows.map((r) => r.user_id) };
  }
  if (kind === 'sessions') {
    const rows = await db
      .selectFrom('class_sessions')
      .selectAll()
      .where('class_id', '=', classId)
      .orderBy('starts_at')
      .execute();
    return {
      kind,
      sessions: rows.map((s) => ({
        title: s.title,
        venueName: s.venue_name,
        address: s.address,
        latitude: Number(s.latitude),
        longitude: Number(s.longitude),
        startsAt: s.starts_at,
        endsAt: s.ends_at,
      })),
    };
  }
  if (kind === 'dates') {
    const row = await db
      .selectFrom('classes')
      .select(['start_date', 'end_date'])
      .where('id', '=', classId)
      .executeTakeFirstOrThrow();
    return { kind, startDate: row.start_date, endDate: row.end_date };
  }
  const count = await db
    .selectFrom('enrolments')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('class_id', '=', classId)
    .where('status', '=', 'enrolled')
    .executeTakeFirstOrThrow();
  return { kind, learnerCount: Number(count.n) };
}

function personIds(change: ClassChangeInput, before: ClassChangeBefore | null): string[] {
  const ids: string[] = [];
  if (change.kind === 'teachers') ids.push(...change.teacherIds);
  if (change.kind === 'roster') ids.push(...change.add, ...change.remove);
  if (before?.kind === 'teachers') ids.push(...before.teacherIds);
  return ids;
}

/** Names (and masked ID numbers) of everyone the changes mention, and the decisions on them. */
export async function changeContext(db: DbOrTrx, rows: ChangeRow[]): Promise<ChangeContext> {
  const decided = rows.filter((r) => r.status !== 'submitted').map((r) => r.id);
  const reviews =
    decided.length === 0
      ? []
      : await db
          .selectFrom('class_reviews')
          .innerJoin('users', 'users.id', 'class_reviews.actor_id')
          .select(['class_reviews.change_id', 'class_reviews.comment', 'class_reviews.at', 'users.name'])
          .where('class_reviews.change_id', 'in', decided)
          .where('class_reviews.action', 'in', ['change_approved', 'change_returned', 'change_rejected'])
          .execute();
  const decisions = new Map(reviews.map((r) => [r.change_id!, { comment: r.comment, actorName: r.name, at: r.at }]));
  return { people: await changePeople(db, rows), decisions };
}

async function changePeople(db: DbOrTrx, rows: ChangeRow[]): Promise<ChangePeople> {
  const ids = [
    ...new Set(
      rows.flatMap((r) =>
        personIds(
          JSON.parse(r.payload) as ClassChangeInput,
          r.before_payload ? (JSON.parse(r.before_payload) as ClassChangeBefore) : null,
        ),
      ),
    ),
  ];
  const people: ChangePeople = {};
  for (let i = 0; i < ids.length; i += 500) {
    const found = await db
      .selectFrom('users')
      .select(['id', 'name', 'id_number_masked'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const u of found) people[u.id] = { name: u.name, idNumberMasked: u.id_number_masked };
  }
  return people;
}

/** A change row as the API shows it, with the context of all the rows it was read with (only its own is kept). */
export function changeRowToChange(row: ChangeRow, { people, decisions }: ChangeContext, now: Date): ClassChange {
  const change = JSON.parse(row.payload) as ClassChangeInput;
  const before = row.before_payload ? (JSON.parse(row.before_payload) as ClassChangeBefore) : null;
  const own: ChangePeople = {};
  for (const id of personIds(change, before)) if (people[id]) own[id] = people[id];
  return {
    id: row.id,
    classId: row.class_id,
    kind: row.kind,
    change,
    before,
    people: own,
    reason: row.reason,
    status: row.status,
    submittedAt: row.submitted_at,
    reviewDueAt: row.review_due_at,
    overdue: row.status === 'submitted' && isOverdue(row.review_due_at, now),
    decidedAt: row.decided_at,
    decision: decisions.get(row.id) ?? null,
  };
}
