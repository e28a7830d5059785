import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import {
  ForbiddenError,
  newId,
  NotFoundError,
  requirePermission,
  ValidationError,
  AppError,
  type Actor,
  type Database,
} from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';

export const maxAttachmentBytes = 20 * 1024 * 1024;

const zip = [0x50, 0x4b, 0x03, 0x04];
/** What a form may carry, each checked by its first bytes, not just by the header it came with. */
export const attachmentTypes: Record<string, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'application/ofd': zip,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': zip,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': zip,
};

/**
 * The headers of a raw-body upload: its content type, its name percent-encoded in
 * X-File-Name (no path, no control characters), optionally its SM3 checksum.
 */
export function uploadHeaders(invalidNameCode: string) {
  const name = z
    .string()
    .min(1)
    .max(600)
    .transform((v, ctx) => {
      try {
        return decodeURIComponent(v);
      } catch {
        ctx.addIssue({ code: 'custom', message: invalidNameCode });
        return z.NEVER;
      }
    })
    .pipe(
      z
        .string()
        .trim()
        .min(1)
        .max(200)
        .refine((n) => !/[/\\]/.test(n) && ![...n].some((c) => c.charCodeAt(0) < 0x20), invalidNameCode),
    );
  return z.object({
    'content-type': z.string(),
    'x-file-name': name,
    'x-checksum-sm3': z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/)
      .optional(),
  });
}

export interface AttachmentView {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  sm3: string;
  uploadedAt: string;
}

/** Files attached to forms: kept in the database with their SM3 checksum. */
export class AttachmentStore {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly mayReadInstance: (actor: Actor, instanceId: string) => Promise<boolean>;

  constructor(db: Database, audit: AuditLog, mayReadInstance: (actor: Actor, instanceId: string) => Promise<boolean>) {
    this.db = db;
    this.audit = audit;
    this.mayReadInstance = mayReadInstance;
  }

  async upload(
    actor: Actor,
    input: { name: string; mimeType: string; content: Buffer; checksum?: string | undefined },
  ): Promise<AttachmentView> {
    requirePermission(actor, 'attachment.upload');
    const magic = attachmentTypes[input.mimeType];
    if (!magic) throw new AppError(415, 'workflow.attachment_type', { mimeType: input.mimeType, allowed: Object.keys(attachmentTypes) });
    if (input.content.length === 0) throw new ValidationError('workflow.attachment_empty');
    if (!magic.every((byte, i) => input.content[i] === byte))
      throw new AppError(415, 'workflow.attachment_content', { mimeType: input.mimeType });
    const sm3 = createHash('sm3').update(input.content).digest('hex');
    if (input.checksum && input.checksum.toLowerCase() !== sm3)
      throw new ValidationError('workflow.attachment_checksum', { expected: input.checksum, actual: sm3 });
    const id = newId('att');
    const row = await this.db.kysely.transaction().execute(async (tx) => {
      const inserted = (
        await sql<{ uploaded_at: string }>`insert into wf_attachments (id, name, mime_type, size, sm3, content, uploaded_by)
          values (${id}, ${input.name}, ${input.mimeType}, ${input.content.length}, ${sm3}, ${input.content}, ${actor.accountId}) returning uploaded_at`.execute(
          tx,
        )
      ).rows[0]!;
      await this.audit.record(
        {
          actor,
          action: 'workflow.attachment.upload',
          targetType: 'wf_attachment',
          targetId: id,
          details: { size: input.content.length, sm3 },
        },
        tx,
      );
      return inserted;
    });
    return { id, name: input.name, mimeType: input.mimeType, size: input.content.length, sm3, uploadedAt: row.uploaded_at };
  }

  /**
   * To its uploader, to whoever may see the instance it became part of, and to whom `vouch`
   * admits: a module that keeps its own reference to the file (the execution chain's reports)
   * decides there who may read it.
   */
  async read(actor: Actor, id: string, vouch?: () => Promise<boolean>): Promise<AttachmentView & { uploadedBy: string; content: Buffer }> {
    const row = (
      await sql<{
        id: string;
        name: string;
        mime_type: string;
        size: number;
        sm3: string;
        content: Buffer | Uint8Array;
        uploaded_by: string;
        uploaded_at: string;
        instance_id: string | null;
      }>`select * from wf_attachments where id = ${id}`.execute(this.db.kysely)
    ).rows[0];
    if (!row) throw new NotFoundError('workflow.attachment_not_found', { id });
    const mine = row.uploaded_by === actor.accountId && actor.accountId !== null;
    if (!mine && !(row.instance_id && (await this.mayReadInstance(actor, row.instance_id))) && !(vouch && (await vouch())))
      throw new ForbiddenError('access.forbidden', { attachment: id });
    return {
      id: row.id,
      name: row.name,
      mimeType: row.mime_type,
      size: row.size,
      sm3: row.sm3,
      uploadedAt: row.uploaded_at,
      uploadedBy: row.uploaded_by,
      content: Buffer.from(row.content),
    };
  }
}
