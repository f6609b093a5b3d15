import type { Kysely } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import type { PiiCipher } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { transition } from '../../platform/transition.js';
import type { AuditService } from '../audit/index.js';
import type { PoliciesService } from '../policies/index.js';
import { addWorkingDays, workCalendarFrom } from '../calendar/index.js';
import {
  type AuthService,
  requireName,
  requirePhone,
  maskPhone,
  findUserById,
  userRowToUser,
  type User,
} from '../identity/index.js';
import { findRegion } from '../regions/index.js';
import { isValidCreditCode } from './credit-code.js';
import { changedMeanwhile, institutionStatusesAllowing, nextInstitutionStatus } from './institution-state.js';
import { canSeeInstitution, institutionPermissions } from './institutions.policy.js';
import {
  findInstitution,
  institutionDocuments,
  institutionRowToInstitution,
  loadApplication,
  type Institution,
  type InstitutionApplication,
  type InstitutionRow,
} from './institutions.repository.js';
import type { InstitutionKind } from './institutions.tables.js';
import { missingDocuments, missingParam } from './required-documents.js';

export type InstitutionFields = {
  name: string;
  kind: InstitutionKind;
  creditCode: string;
  regionCode: string;
  address: string;
  legalRepresentative: string;
  contactName: string;
  contactPhone: string;
  businessScope: string;
};
/** An edit may leave the contact's phone out: the stored one (shown masked) is kept. */
export type InstitutionEdit = Omit<InstitutionFields, 'contactPhone'> & { contactPhone?: string };
export type AdminFields = { name: string; idNumber: string; phone: string; password: string };

/** The same AppError with its field placed under a part of the form (`admin.idNumber`). */
function underPart(part: 'institution' | 'admin', error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  return new AppError(error.code, {
    ...error.options,
    field: error.options.field ? `${part}.${error.options.field}` : undefined,
  });
}

function requireText(value: string, field: string, min = 2): string {
  const text = value.normalize('NFC').trim();
  if (text.length < min) throw new AppError('VALIDATION_FAILED', { field });
  return text;
}

/**
 * Registration of an institution (机构入驻): a visitor applies with the institution's details and its first
 * administrator's real-name account; the administrator completes the application with qualification documents and
 * submits it to the regulators of its region, who decide within a working-day deadline (InstitutionReviewService).
 */
export class InstitutionRegistrationService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      cipher: PiiCipher;
      audit: AuditService;
      auth: AuthService;
      policies: PoliciesService;
    },
  ) {}

  /** Validated, normalised columns of the institution part; the credit code is checked for uniqueness separately. */
  private async institutionColumns(db: DbOrTrx, input: InstitutionEdit) {
    const creditCode = input.creditCode.trim().toUpperCase();
    if (!isValidCreditCode(creditCode))
      throw new AppError('INSTITUTION_CREDIT_CODE_INVALID', { field: 'institution.creditCode' });
    const region = await findRegion(db, input.regionCode);
    // Institutions sit in a county (or a city without counties), so that a county regulator can be responsible.
    if (!region || region.level === 'province')
      throw new AppError('INSTITUTION_REGION_INVALID', { field: 'institution.regionCode' });
    const contactPhone = (() => {
      if (input.contactPhone === undefined) return undefined;
      try {
        return requirePhone(input.contactPhone, 'contactPhone');
      } catch (error) {
        throw underPart('institution', error);
      }
    })();
    const person = (value: string, field: string) => {
      try {
        return requireName(value, field);
      } catch (error) {
        throw underPart('institution', error);
      }
    };
    return {
      name: requireText(input.name, 'institution.name', 4),
      kind: input.kind,
      credit_code: creditCode,
      region_code: region.code,
      address: requireText(input.address, 'institution.address', 4),
      legal_representative: person(input.legalRepresentative, 'legalRepresentative'),
      contact_name: person(input.contactName, 'contactName'),
      business_scope: requireText(input.businessScope, 'institution.businessScope'),
      ...(contactPhone === undefined
        ? {}
        : { contact_phone_enc: this.deps.cipher.encrypt(contactPhone), contact_phone_masked: maskPhone(contactPhone) }),
    };
  }

  private async assertCreditCodeFree(db: DbOrTrx, creditCode: string, exceptId?: string): Promise<void> {
    let q = db.selectFrom('institutions').select('id').where('credit_code', '=', creditCode);
    if (exceptId) q = q.where('id', '!=', exceptId);
    if (await q.executeTakeFirst())
      throw new AppError('INSTITUTION_CREDIT_CODE_TAKEN', { field: 'institution.creditCode' });
  }

  /** Two applications racing past the pre-checks meet the unique indexes; answer them like the pre-checks would. */
  private uniqueViolation(error: unknown): unknown {
    if (error instanceof AppError) return error;
    if (/credit_code/.test(String((error as Error)?.message ?? '')))
      return new AppError('INSTITUTION_CREDIT_CODE_TAKEN', { field: 'institution.creditCode' });
    return underPart('admin', this.deps.auth.uniqueViolationToAppError(error));
  }

  /** Public: the institution in `draft` and its administrator, who can sign in at once to complete the application. */
  async register(
    input: { institution: InstitutionFields; admin: AdminFields },
    meta: RequestMeta,
  ): Promise<{ institution: Institution; user: User }> {
    const { db, clock, audit, auth } = this.deps;
    const columns = await this.institutionColumns(db, input.institution);
    const person = await auth.personColumns(input.admin).catch((error: unknown) => {
      throw underPart('admin', error);
    });
    const institutionId = newId();
    const userId = newId();
    const now = clock.now().toISOString();
    try {
      await db.transaction().execute(async (trx) => {
        await this.assertCreditCodeFree(trx, columns.credit_code);
        await auth.assertPersonIsNew(trx, person.idNumber, person.phone).catch((error: unknown) => {
          throw underPart('admin', error);
        });
        await trx
          .insertInto('institutions')
          .values({
            id: institutionId,
            ...columns,
            status: 'draft',
            created_at: now,
            updated_at: now,
            submitted_at: null,
            review_due_at: null,
            decided_at: null,
            status_reason: null,
            created_by: userId,
          })
          .execute();
        await trx
          .insertInto('users')
          .values({
            id: userId,
            role: 'institution_admin',
            status: 'active',
            region_code: columns.region_code,
            institution_id: institutionId,
            locked_until: null,
            created_at: now,
            updated_at: now,
            ...person.columns,
          })
          .execute();
        const scope = { regionCode: columns.region_code, institutionId };
        await audit.record(trx, {
          actor: { userId, role: 'institution_admin' },
          action: 'institution.registered',
          targetType: 'institution',
          targetId: institutionId,
          ...scope,
          meta,
          details: { name: columns.name, kind: columns.kind, creditCode: columns.credit_code },
        });
        await audit.record(trx, {
          actor: { userId, role: 'institution_admin' },
          action: 'user.registered',
          targetType: 'user',
          targetId: userId,
          ...scope,
          meta,
          details: { role: 'institution_admin' },
        });
      });
    } catch (error) {
      throw this.uniqueViolation(error);
    }
    const row = (await findInstitution(db, institutionId))!;
    return {
      institution: institutionRowToInstitution(row, clock.now()),
      user: userRowToUser((await findUserById(db, userId))!),
    };
  }

  /** The administrator's own institution, in a state that allows `action`; other institutions are NOT_FOUND. */
  private async ownInstitution(actor: Actor, id: string, db: DbOrTrx): Promise<InstitutionRow> {
    requirePermission(actor, institutionPermissions['institutions.apply']);
    const row = await findInstitution(db, id);
    if (!row || !canSeeInstitution(actor, row) || actor.institutionId !== row.id) throw new AppError('NOT_FOUND');
    return row;
  }

  async update(actor: Actor, id: string, input: InstitutionEdit, meta: RequestMeta): Promise<InstitutionApplication> {
    const { db, clock, audit } = this.deps;
    const row = await this.ownInstitution(actor, id, db);
    nextInstitutionStatus(row.status, 'edit');
    const columns = await this.institutionColumns(db, input);
    const now = clock.now().toISOString();
    try {
      await db.transaction().execute(async (trx) => {
        await this.assertCreditCodeFree(trx, columns.credit_code, id);
        const updated = await trx
          .updateTable('institutions')
          .set({ ...columns, updated_at: now })
          .where('id', '=', id)
          .where('status', '=', row.status)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw changedMeanwhile('edit');
        // The institution's people belong to its region: a corrected region moves them (and their supervision) along.
        if (columns.region_code !== row.region_code) {
          await trx
            .updateTable('users')
            .set({ region_code: columns.region_code, updated_at: now })
            .where('institution_id', '=', id)
            .execute();
        }
        const changed = Object.entries(columns)
          .filter(([key, value]) => key !== 'contact_phone_enc' && (row as Record<string, unknown>)[key] !== value)
          .map(([key]) => key);
        await audit.record(trx, {
          actor,
          action: 'institution.updated',
          targetType: 'institution',
          targetId: id,
          regionCode: columns.region_code,
          institutionId: id,
          meta,
          details: { fields: changed },
        });
      });
    } catch (error) {
      throw this.uniqueViolation(error);
    }
    return loadApplication(db, actor, (await findInstitution(db, id))!, clock.now());
  }

  /** Sends the application to the regulators of its region once the documents its kind needs are there. */
  async submit(actor: Actor, id: string, meta: RequestMeta): Promise<InstitutionApplication> {
    const { db, clock, audit, policies } = this.deps;
    const row = await this.ownInstitution(actor, id, db);
    const status = nextInstitutionStatus(row.status, 'submit');
    const missing = missingDocuments(
      row.kind,
      (await institutionDocuments(db, id)).map((d) => d.kind),
    );
    if (missing.length > 0) {
      throw new AppError('INSTITUTION_DOCUMENTS_MISSING', {
        params: { missing: missingParam(missing) },
        details: { missing: missing.map((m) => m.key) },
      });
    }
    const now = clock.now();
    const policy = await policies.effective(db, row.region_code);
    const due = addWorkingDays(
      now,
      policy.document.reviewDeadlineWorkingDays,
      await workCalendarFrom(db, now),
    ).toISOString();
    await db.transaction().execute(async (trx) => {
      // Edited, or a document changed, or submitted twice in the meantime: the conflict error.
      await transition(
        trx,
        {
          table: 'institutions',
          id,
          from: institutionStatusesAllowing('submit'),
          set: {
            status,
            submitted_at: now.toISOString(),
            review_due_at: due,
            decided_at: null,
            status_reason: null,
            updated_at: now.toISOString(),
          },
          unchanged: { updated_at: row.updated_at },
          conflict: () => changedMeanwhile('submit'),
        },
        {
          history: (t) =>
            t
              .insertInto('institution_reviews')
              .values({
                id: newId(),
                institution_id: id,
                action: 'submitted',
                comment: '',
                actor_id: actor.userId,
                at: now.toISOString(),
              })
              .execute(),
          audit: (t) =>
            audit.record(t, {
              actor,
              action: 'institution.submitted',
              targetType: 'institution',
              targetId: id,
              regionCode: row.region_code,
              institutionId: id,
              meta,
              details: { reviewDueAt: due },
            }),
        },
      );
    });
    return loadApplication(db, actor, (await findInstitution(db, id))!, clock.now());
  }
}
