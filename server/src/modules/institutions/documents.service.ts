import { fileTypeFromBuffer } from 'file-type';
import type { Kysely } from 'kysely';
import { BlobNotFoundError, BlobTooLargeError, type BlobStore } from '../../adapters/blobs.js';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AuditService } from '../audit/index.js';
import { changedMeanwhile, nextInstitutionStatus } from './institution-state.js';
import { canSeeInstitution, institutionPermissions } from './institutions.policy.js';
import {
  documentRowToDocument,
  findInstitution,
  type InstitutionDocument,
  type InstitutionRow,
} from './institutions.repository.js';
import type { InstitutionDocumentKind } from './institutions.tables.js';
import { cleanFileName } from '../../platform/file-name.js';

/** Scans and photos of licences are small; a limit well below the course documents' keeps storage honest. */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
export const DOCUMENTS_PER_INSTITUTION = 20;
/** file-type recognises PDF, JPEG and PNG within the first few bytes; this is plenty. */
const SNIFF_BYTES = 4100;
const ACCEPTED: Record<string, string> = { pdf: 'application/pdf', jpg: 'image/jpeg', png: 'image/png' };

/** The document's type from its first bytes, never from its name or the client's Content-Type; null if not accepted. */
export async function sniffDocument(head: Uint8Array): Promise<{ ext: string; mime: string } | null> {
  if (head.length === 0) return null;
  const detected = await fileTypeFromBuffer(head);
  return detected && ACCEPTED[detected.ext] ? { ext: detected.ext, mime: ACCEPTED[detected.ext] } : null;
}

/** Keeps only a display name: no folders (browsers send "C:\fakepath\…"), no control characters. */
async function readHead(blobs: BlobStore, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of (await blobs.open(key, { start: 0, end: SNIFF_BYTES - 1 })) as AsyncIterable<Buffer>)
    chunks.push(chunk);
  return Buffer.concat(chunks);
}

const tooLarge = () =>
  new AppError('INSTITUTION_DOCUMENT_TOO_LARGE', {
    params: { limitMb: DOCUMENT_MAX_BYTES / 1024 / 1024 },
    details: { maxBytes: DOCUMENT_MAX_BYTES },
  });

export type DocumentFile = {
  contentType: string;
  size: number;
  fileName: string;
  open: () => Promise<NodeJS.ReadableStream>;
};

/**
 * Qualification documents of an application (licences, permits, certificates): uploaded by the institution's
 * administrator while the application is a draft or returned, read by the institution itself, the regulators of its
 * region subtree and the operator.
 */
export class InstitutionDocumentsService {
  constructor(private readonly deps: { db: Kysely<Database>; clock: Clock; audit: AuditService; blobs: BlobStore }) {}

  private async editable(actor: Actor, institutionId: string): Promise<InstitutionRow> {
    requirePermission(actor, institutionPermissions['institutions.apply']);
    const row = await findInstitution(this.deps.db, institutionId);
    if (!row || actor.institutionId !== row.id) throw new AppError('NOT_FOUND');
    nextInstitutionStatus(row.status, 'edit');
    return row;
  }

  /**
   * Inside the write transaction: the application is still editable, and touching its row makes a submission that
   * read the documents before this change fail instead of going out without (or with) this document.
   */
  private async touch(trx: DbOrTrx, row: InstitutionRow): Promise<void> {
    const result = await trx
      .updateTable('institutions')
      .set({ updated_at: this.deps.clock.now().toISOString() })
      .where('id', '=', row.id)
      .where('status', 'in', ['draft', 'returned'])
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw changedMeanwhile('edit');
  }

  async upload(
    actor: Actor,
    institutionId: string,
    input: { kind: InstitutionDocumentKind; name: string; body: NodeJS.ReadableStream | null; declaredBytes?: number },
    meta: RequestMeta,
  ): Promise<InstitutionDocument> {
    const { db, blobs, clock, audit } = this.deps;
    const row = await this.editable(actor, institutionId);
    if (!input.body) throw new AppError('INSTITUTION_DOCUMENT_EMPTY');
    if (input.declaredBytes !== undefined && input.declaredBytes > DOCUMENT_MAX_BYTES) throw tooLarge();
    const count = await db
      .selectFrom('institution_documents')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('institution_id', '=', row.id)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= DOCUMENTS_PER_INSTITUTION)
      throw new AppError('INSTITUTION_TOO_MANY_DOCUMENTS', { params: { max: DOCUMENTS_PER_INSTITUTION } });

    const id = newId();
    const key = `institutions/${row.id}/documents/${id}`;
    let stored: { size: number; sha256: string };
    try {
      stored = await blobs.put(key, input.body, { maxBytes: DOCUMENT_MAX_BYTES });
    } catch (error) {
      throw error instanceof BlobTooLargeError ? tooLarge() : error;
    }
    try {
      if (stored.size === 0) throw new AppError('INSTITUTION_DOCUMENT_EMPTY');
      // Streamed first, judged by its first bytes afterwards: a renamed executable is removed again at once.
      const type = await sniffDocument(await readHead(blobs, key));
      if (!type) throw new AppError('INSTITUTION_DOCUMENT_TYPE_NOT_ALLOWED');
      const document = {
        id,
        institution_id: row.id,
        kind: input.kind,
        blob_key: key,
        file_name: cleanFileName(input.name, 'document'),
        mime: type.mime,
        size: stored.size,
        sha256: stored.sha256,
        uploaded_by: actor.userId,
        created_at: clock.now().toISOString(),
      };
      await db.transaction().execute(async (trx) => {
        await this.touch(trx, row);
        await trx.insertInto('institution_documents').values(document).execute();
        await audit.record(trx, {
          actor,
          action: 'institution.document_uploaded',
          targetType: 'institution',
          targetId: row.id,
          regionCode: row.region_code,
          institutionId: row.id,
          meta,
          details: {
            documentId: id,
            kind: input.kind,
            name: document.file_name,
            size: stored.size,
            sha256: stored.sha256,
          },
        });
      });
      return documentRowToDocument(document);
    } catch (error) {
      await blobs.delete(key);
      throw error;
    }
  }

  async remove(actor: Actor, institutionId: string, documentId: string, meta: RequestMeta): Promise<void> {
    const { db, blobs, audit } = this.deps;
    const row = await this.editable(actor, institutionId);
    const document = await db
      .selectFrom('institution_documents')
      .selectAll()
      .where('id', '=', documentId)
      .where('institution_id', '=', row.id)
      .executeTakeFirst();
    if (!document) throw new AppError('NOT_FOUND');
    await db.transaction().execute(async (trx) => {
      await this.touch(trx, row);
      await trx.deleteFrom('institution_documents').where('id', '=', documentId).execute();
      await audit.record(trx, {
        actor,
        action: 'institution.document_deleted',
        targetType: 'institution',
        targetId: row.id,
        regionCode: row.region_code,
        institutionId: row.id,
        meta,
        details: { documentId, kind: document.kind, name: document.file_name, sha256: document.sha256 },
      });
    });
    // After the commit: a failed transaction leaves the file where its row still points.
    await blobs.delete(document.blob_key);
  }

  async file(actor: Actor, institutionId: string, documentId: string): Promise<DocumentFile> {
    requirePermission(actor, institutionPermissions['institutions.documents.read']);
    const row = await findInstitution(this.deps.db, institutionId);
    if (!row || !canSeeInstitution(actor, row)) throw new AppError('NOT_FOUND');
    const document = await this.deps.db
      .selectFrom('institution_documents')
      .selectAll()
      .where('id', '=', documentId)
      .where('institution_id', '=', row.id)
      .executeTakeFirst();
    if (!document) throw new AppError('NOT_FOUND');
    const { blobs } = this.deps;
    return {
      contentType: document.mime,
      size: Number(document.size),
      fileName: document.file_name,
      open: async () => {
        try {
          return await blobs.open(document.blob_key);
        } catch (error) {
          throw error instanceof BlobNotFoundError ? new AppError('NOT_FOUND') : error;
        }
      },
    };
  }
}
