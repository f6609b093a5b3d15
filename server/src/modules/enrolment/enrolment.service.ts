import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import type { PiiCipher } from '../../platform/crypto.js';
import { readUpload } from '../../platform/upload.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AuditService } from '../audit/index.js';
import { sealedPersonColumns, UNUSABLE_PASSWORD_HASH, type UserStatus } from '../identity/index.js';
import { requireActiveInstitution } from '../institutions/index.js';
import {
  canSeeClass,
  type ClassesTable,
  type ClassStatus,
  type EnrolmentsTable,
  chunks,
  countEnrolled,
  enrolmentStatuses,
  overlappingEnrolments,
  phoneOwners,
  usersByIdNumberHashes,
  type AccountMatch,
} from '../classes/index.js';
import {
  buildRosterTemplate,
  checkRows,
  readRosterFile,
  ROSTER_MAX_BYTES,
  rowIssue,
  sameName,
  sortIssues,
  tooLarge,
  type RosterPerson,
  type RowIssue,
} from './enrolment-import.js';

// Changing a roster is the institution administrator's act, like editing the class; teachers may fetch the template
// to collect their learners' details.
export const enrolmentPermissions = declarePermissions({
  'enrolments.manage': ['institution_admin'],
  'enrolments.template': ['institution_admin', 'teacher'],
  'enrolments.read': ['institution_admin', 'teacher', 'regulator', 'operator'],
});

type ClassRow = Selectable<ClassesTable>;
export type ImportMode = 'check' | 'all' | 'valid-only';

/** The roster may be edited directly until the class is submitted; afterwards changes go through a change review. */
export const ROSTER_EDITABLE: readonly ClassStatus[] = ['draft', 'returned'];

export type ImportReport = {
  mode: ImportMode;
  fileName: string;
  format: 'xlsx' | 'csv';
  /** Data rows in the file (empty rows are not counted); valid + invalid = rows. */
  rows: number;
  valid: number;
  invalid: number;
  /** Every problem of every row; a row with any error is invalid and never imported. */
  errors: RowIssue[];
  /** Facts about valid rows that do not stop them (already enrolled: skipped; account keeps its own phone). */
  warnings: RowIssue[];
  /** Valid rows that would be enrolled (not already on the roster), and how many of them need a new account. */
  toEnrol: number;
  toCreate: number;
  capacity: { limit: number; enrolled: number };
  /** After an import: enrolments added and accounts created. */
  imported?: number;
  created?: number;
};

export type RosterEntry = {
  userId: string;
  name: string;
  idNumberMasked: string;
  phoneMasked: string;
  gender: 'male' | 'female';
  birthDate: string;
  accountStatus: UserStatus;
  status: EnrolmentsTable['status'];
  source: EnrolmentsTable['source'];
  enrolledAt: string;
};

type Plan = {
  report: Omit<ImportReport, 'mode' | 'fileName' | 'format'>;
  create: { person: RosterPerson; userId: string }[];
  enrol: string[];
  reenrol: string[];
};

/** Reads an upload into memory up to the roster size limit, refusing early when the declared length is already too big. */
export async function readRosterUpload(body: NodeJS.ReadableStream | null, declaredBytes?: number): Promise<Buffer> {
  return readUpload(body, declaredBytes, ROSTER_MAX_BYTES, tooLarge);
}

function rosterLocked(status: ClassStatus): AppError {
  return new AppError('CLASS_ROSTER_LOCKED', { params: { status }, details: { status } });
}

export class EnrolmentService {
  constructor(private readonly deps: { db: Kysely<Database>; clock: Clock; cipher: PiiCipher; audit: AuditService }) {}

  /** A class the actor may see: own institution's for its people, the region subtree for regulators, all for operators. */
  private async visibleClass(actor: Actor, classId: string, db: DbOrTrx = this.deps.db): Promise<ClassRow> {
    const klass = await db.selectFrom('classes').selectAll().where('id', '=', classId).executeTakeFirst();
    if (!klass || !canSeeClass(actor, klass)) throw new AppError('NOT_FOUND');
    return klass;
  }

  private async managedClass(
    actor: Actor,
    classId: string,
    permission: 'enrolments.manage' | 'enrolments.template' = 'enrolments.manage',
  ): Promise<ClassRow> {
    requirePermission(actor, enrolmentPermissions[permission]);
    if (permission === 'enrolments.manage') await requireActiveInstitution(this.deps.db, actor);
    return this.visibleClass(actor, classId);
  }

  /**
   * Inside a transaction: re-checks that the roster is editable and, by updating the class row, row-locks it on
   * PostgreSQL so that two roster changes of one class run one after the other (capacity is counted correctly).
   */
  private async lockEditableClass(trx: DbOrTrx, klass: ClassRow): Promise<void> {
    const result = await trx
      .updateTable('classes')
      .set({ updated_at: this.deps.clock.now().toISOString() })
      .where('id', '=', klass.id)
      .where('status', 'in', [...ROSTER_EDITABLE])
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      const current = await trx
        .selectFrom('classes')
        .select('status')
        .where('id', '=', klass.id)
        .executeTakeFirstOrThrow();
      throw rosterLocked(current.status);
    }
  }

  async template(actor: Actor, classId: string): Promise<{ fileName: string; bytes: Buffer }> {
    const klass = await this.managedClass(actor, classId, 'enrolments.template');
    return { fileName: `${klass.name}-报名名单模板.xlsx`, bytes: await buildRosterTemplate(klass.name) };
  }

  /**
   * Checks every row of a roster file and, unless only checking, imports in one transaction: all rows (only when
   * none is invalid) or the valid rows only. New people get an invited account of the class's institution.
   */
  async importRoster(
    actor: Actor,
    classId: string,
    input: { mode: ImportMode; fileName: string; bytes: Buffer },
    meta: RequestMeta,
  ): Promise<ImportReport> {
    const { db, clock, audit } = this.deps;
    const klass = await this.managedClass(actor, classId);
    if (!ROSTER_EDITABLE.includes(klass.status)) throw rosterLocked(klass.status);
    const file = await readRosterFile(input.bytes);
    const checked = checkRows(file.rows, clock.now());
    const head = { mode: input.mode, fileName: input.fileName, format: file.format };
    if (input.mode === 'check') return { ...head, ...(await this.plan(db, klass, checked)).report };

    try {
      return await db.transaction().execute(async (trx) => {
        await this.lockEditableClass(trx, klass);
        const plan = await this.plan(trx, klass, checked);
        const report: ImportReport = { ...head, ...plan.report };
        if (input.mode === 'all' && report.invalid > 0) {
          throw new AppError('ENROLMENT_FILE_HAS_ERRORS', { params: { invalid: report.invalid }, details: report });
        }
        const { limit, enrolled } = report.capacity;
        if (enrolled + report.toEnrol > limit) {
          throw new AppError('ENROLMENT_CAPACITY_EXCEEDED', {
            params: { capacity: limit, enrolled, adding: report.toEnrol },
            details: { capacity: limit, enrolled, adding: report.toEnrol },
          });
        }
        await this.apply(trx, actor, klass, plan);
        const imported = plan.create.length + plan.enrol.length + plan.reenrol.length;
        await audit.record(trx, {
          actor,
          action: 'enrolment.imported',
          targetType: 'class',
          targetId: klass.id,
          regionCode: klass.region_code,
          institutionId: klass.institution_id,
          meta,
          details: {
            mode: input.mode,
            fileName: input.fileName,
            format: file.format,
            sha256: createHash('sha256').update(input.bytes).digest('hex'),
            rows: report.rows,
            valid: report.valid,
            invalid: report.invalid,
            imported,
            created: plan.create.length,
            skipped: report.valid - imported,
          },
        });
        return { ...report, imported, created: plan.create.length };
      });
    } catch (error) {
      // Another import creating the same person at the same moment meets the unique indexes: ask to try again.
      const text = String((error as Error)?.message ?? '');
      if (/id_number_hash/.test(text)) throw new AppError('IDENTITY_ID_NUMBER_TAKEN');
      if (/phone_hash/.test(text)) throw new AppError('IDENTITY_PHONE_TAKEN');
      throw error;
    }
  }

  /** The checks that need the database, with batched lookups, and what importing the valid rows would do. */
  private async plan(
    db: DbOrTrx,
    klass: ClassRow,
    checked: { people: RosterPerson[]; issues: RowIssue[] },
  ): Promise<Plan> {
    const { cipher } = this.deps;
    const errors = [...checked.issues];
    const warnings: RowIssue[] = [];
    const invalidRows = new Set(checked.issues.map((i) => i.row));

    // Rows standing for a person: a valid ID number that did not appear earlier in the file.
    const candidates = checked.people
      .filter((p) => p.id !== null && !p.duplicate)
      .map((p) => ({
        person: p,
        idHash: cipher.lookupHash('id', p.id!.normalized),
        phoneHash: p.phone ? cipher.lookupHash('phone', p.phone) : null,
      }));
    const accounts = await usersByIdNumberHashes(
      db,
      candidates.map((c) => c.idHash),
    );
    const owners = await phoneOwners(
      db,
      candidates.flatMap((c) => (c.phoneHash ? [c.phoneHash] : [])),
    );
    const learnerIds = [...accounts.values()].filter((a) => a.role === 'learner').map((a) => a.id);
    const statuses = await enrolmentStatuses(db, klass.id, learnerIds);
    const overlaps = await overlappingEnrolments(db, klass, learnerIds);

    const plan: Plan = { report: {} as Plan['report'], create: [], enrol: [], reenrol: [] };
    for (const { person, idHash, phoneHash } of candidates) {
      const row = person.row;
      const found: RowIssue[] = [];
      const notes: RowIssue[] = [];
      const account: AccountMatch | undefined = accounts.get(idHash);
      const phoneOwner = phoneHash ? owners.get(phoneHash) : undefined;
      if (account) {
        // Messages say what is wrong with the row, never what the account holds (its name, phone or role).
        if (account.role !== 'learner') found.push(rowIssue(row, 'idNumber', 'ENROLMENT_ROW_NOT_A_LEARNER'));
        else {
          if (account.status === 'disabled') found.push(rowIssue(row, 'idNumber', 'ENROLMENT_ROW_ACCOUNT_DISABLED'));
          if (person.name !== null && !sameName(person.name, account.name))
            found.push(rowIssue(row, 'name', 'ENROLMENT_ROW_NAME_MISMATCH'));
          if (phoneOwner && phoneOwner !== account.id) found.push(rowIssue(row, 'phone', 'ENROLMENT_ROW_PHONE_TAKEN'));
          else if (phoneHash && phoneHash !== account.phone_hash)
            notes.push(rowIssue(row, 'phone', 'ENROLMENT_ROW_PHONE_DIFFERS'));
          if (overlaps.has(account.id)) found.push(rowIssue(row, 'idNumber', 'ENROLMENT_ROW_OVERLAPPING_CLASS'));
          if (statuses.get(account.id) === 'enrolled')
            notes.push(rowIssue(row, null, 'ENROLMENT_ROW_ALREADY_ENROLLED'));
        }
      } else if (phoneOwner) found.push(rowIssue(row, 'phone', 'ENROLMENT_ROW_PHONE_TAKEN'));

      errors.push(...found);
      if (found.length > 0) invalidRows.add(row);
      if (person.invalid || found.length > 0) continue;
      warnings.push(...notes);
      if (!account) plan.create.push({ person, userId: newId() });
      else if (statuses.get(account.id) === 'withdrawn') plan.reenrol.push(account.id);
      else if (!statuses.has(account.id)) plan.enrol.push(account.id);
    }

    const rows = checked.people.length;
    plan.report = {
      rows,
      valid: rows - invalidRows.size,
      invalid: invalidRows.size,
      errors: sortIssues(errors),
      warnings: sortIssues(warnings),
      toEnrol: plan.create.length + plan.enrol.length + plan.reenrol.length,
      toCreate: plan.create.length,
      capacity: { limit: klass.capacity, enrolled: await countEnrolled(db, klass.id) },
    };
    return plan;
  }

  private async apply(trx: DbOrTrx, actor: Actor, klass: ClassRow, plan: Plan): Promise<void> {
    const { cipher, clock } = this.deps;
    const now = clock.now().toISOString();
    const institution = await trx
      .selectFrom('institutions')
      .select('region_code')
      .where('id', '=', klass.institution_id)
      .executeTakeFirstOrThrow();
    // Invited accounts: they belong to the class's institution and its region (for scoping), and have no password
    // until their holder sets one by SMS, which also activates them.
    for (const part of chunks(plan.create, 200)) {
      await trx
        .insertInto('users')
        .values(
          part.map(({ person, userId }) => ({
            id: userId,
            role: 'learner' as const,
            status: 'invited' as const,
            region_code: institution.region_code,
            institution_id: klass.institution_id,
            password_hash: UNUSABLE_PASSWORD_HASH,
            locked_until: null,
            created_at: now,
            updated_at: now,
            ...sealedPersonColumns(cipher, { name: person.name!, id: person.id!, phone: person.phone! }),
          })),
        )
        .execute();
    }
    const newEnrolments = [...plan.create.map((c) => c.userId), ...plan.enrol];
    for (const part of chunks(newEnrolments)) {
      await trx
        .insertInto('enrolments')
        .values(
          part.map((userId) => ({
            id: newId(),
            class_id: klass.id,
            user_id: userId,
            status: 'enrolled' as const,
            source: 'import' as const,
            created_by: actor.userId,
            created_at: now,
          })),
        )
        .execute();
    }
    for (const part of chunks(plan.reenrol)) {
      await trx
        .updateTable('enrolments')
        .set({ status: 'enrolled', source: 'import', created_by: actor.userId, created_at: now })
        .where('class_id', '=', klass.id)
        .where('user_id', 'in', part)
        .execute();
    }
  }

  async roster(
    actor: Actor,
    classId: string,
    query: { status?: EnrolmentsTable['status']; page: number; pageSize: number },
  ) {
    requirePermission(actor, enrolmentPermissions['enrolments.read']);
    const klass = await this.visibleClass(actor, classId);
    const base = this.deps.db
      .selectFrom('enrolments')
      .innerJoin('users', 'users.id', 'enrolments.user_id')
      .where('enrolments.class_id', '=', klass.id)
      .where('enrolments.status', '=', query.status ?? 'enrolled');
    const { total } = await base
      .select((eb) => eb.fn.countAll<string | number>().as('total'))
      .executeTakeFirstOrThrow();
    const rows = await base
      .select([
        'users.id',
        'users.name',
        'users.id_number_masked',
        'users.phone_masked',
        'users.gender',
        'users.birth_date',
        'users.status as account_status',
        'enrolments.status',
        'enrolments.source',
        'enrolments.created_at',
      ])
      .orderBy('enrolments.created_at')
      .orderBy('users.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    const items: RosterEntry[] = rows.map((r) => ({
      userId: r.id,
      name: r.name,
      idNumberMasked: r.id_number_masked,
      phoneMasked: r.phone_masked,
      gender: r.gender,
      birthDate: r.birth_date,
      accountStatus: r.account_status,
      status: r.status,
      source: r.source,
      enrolledAt: r.created_at,
    }));
    return { items, total: Number(total), capacity: klass.capacity, classStatus: klass.status };
  }

  async withdraw(actor: Actor, classId: string, userId: string, meta: RequestMeta): Promise<void> {
    const klass = await this.managedClass(actor, classId);
    if (!ROSTER_EDITABLE.includes(klass.status)) throw rosterLocked(klass.status);
    await this.deps.db.transaction().execute(async (trx) => {
      await this.lockEditableClass(trx, klass);
      const result = await trx
        .updateTable('enrolments')
        .set({ status: 'withdrawn' })
        .where('class_id', '=', klass.id)
        .where('user_id', '=', userId)
        .where('status', '=', 'enrolled')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new AppError('NOT_FOUND');
      await this.deps.audit.record(trx, {
        actor,
        action: 'enrolment.withdrawn',
        targetType: 'class',
        targetId: klass.id,
        regionCode: klass.region_code,
        institutionId: klass.institution_id,
        meta,
        details: { userId },
      });
    });
  }
}
