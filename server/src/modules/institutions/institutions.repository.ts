import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../database/schema.js';
import type { Actor } from '../../platform/context.js';
import { isOverdue } from '../calendar/index.js';
import { ACTION_ROLES, institutionActions, type InstitutionAction } from './institution-state.js';
import type {
  InstitutionDocumentKind,
  InstitutionDocumentsTable,
  InstitutionReviewAction,
  InstitutionsTable,
} from './institutions.tables.js';
import { documentRequirements, type DocumentRequirement } from './required-documents.js';

export type InstitutionRow = Selectable<InstitutionsTable> & { region_name: string | null };

export type Institution = {
  id: string;
  name: string;
  kind: InstitutionsTable['kind'];
  creditCode: string;
  regionCode: string;
  regionName: string | null;
  status: InstitutionsTable['status'];
  createdAt: string;
  submittedAt: string | null;
  reviewDueAt: string | null;
  overdue: boolean;
  decidedAt: string | null;
  statusReason: string | null;
};

export type InstitutionDocument = {
  id: string;
  kind: InstitutionDocumentKind;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: string;
  url: string;
};

/** The application as its administrator and its reviewers see it. */
export type InstitutionApplication = Institution & {
  address: string | null;
  legalRepresentative: string | null;
  contactName: string | null;
  contactPhoneMasked: string | null;
  businessScope: string | null;
  documents: InstitutionDocument[];
  requirements: DocumentRequirement[];
  reviews: { action: InstitutionReviewAction; comment: string; actorName: string; at: string }[];
  /** What the caller may do now (the server checks again on every call). */
  actions: InstitutionAction[];
};

export function institutionRowToInstitution(row: InstitutionRow, now: Date): Institution {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    creditCode: row.credit_code,
    regionCode: row.region_code,
    regionName: row.region_name,
    status: row.status,
    createdAt: row.created_at,
    submittedAt: row.submitted_at,
    reviewDueAt: row.review_due_at,
    overdue: row.status === 'submitted' && isOverdue(row.review_due_at, now),
    decidedAt: row.decided_at,
    statusReason: row.status_reason,
  };
}

export function documentRowToDocument(row: Selectable<InstitutionDocumentsTable>): InstitutionDocument {
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.file_name,
    mime: row.mime,
    size: Number(row.size),
    sha256: row.sha256,
    createdAt: row.created_at,
    url: `/api/institutions/${row.institution_id}/documents/${row.id}/file`,
  };
}

export function selectInstitutions(db: DbOrTrx) {
  return db
    .selectFrom('institutions')
    .leftJoin('regions', 'regions.code', 'institutions.region_code')
    .selectAll('institutions')
    .select('regions.name as region_name');
}

export async function findInstitution(db: DbOrTrx, id: string): Promise<InstitutionRow | undefined> {
  return selectInstitutions(db).where('institutions.id', '=', id).executeTakeFirst();
}

export async function institutionDocuments(db: DbOrTrx, institutionId: string) {
  return db
    .selectFrom('institution_documents')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Builds the application view of a row the caller may see. */
export async function loadApplication(
  db: DbOrTrx,
  actor: Actor,
  row: InstitutionRow,
  now: Date,
): Promise<InstitutionApplication> {
  const [documents, reviews] = await Promise.all([
    institutionDocuments(db, row.id),
    db
      .selectFrom('institution_reviews')
      .innerJoin('users', 'users.id', 'institution_reviews.actor_id')
      .select(['institution_reviews.action', 'institution_reviews.comment', 'users.name', 'institution_reviews.at'])
      .where('institution_reviews.institution_id', '=', row.id)
      .orderBy('institution_reviews.at')
      .orderBy('institution_reviews.id')
      .execute(),
  ]);
  const mayAct = (action: InstitutionAction) =>
    (ACTION_ROLES[action] as readonly string[]).includes(actor.role) &&
    (actor.role !== 'institution_admin' || actor.institutionId === row.id);
  return {
    ...institutionRowToInstitution(row, now),
    address: row.address,
    legalRepresentative: row.legal_representative,
    contactName: row.contact_name,
    contactPhoneMasked: row.contact_phone_masked,
    businessScope: row.business_scope,
    documents: documents.map(documentRowToDocument),
    requirements: documentRequirements(
      row.kind,
      documents.map((d) => d.kind),
    ),
    reviews: reviews.map((r) => ({ action: r.action, comment: r.comment, actorName: r.name, at: r.at })),
    actions: institutionActions(row.status).filter(mayAct),
  };
}
