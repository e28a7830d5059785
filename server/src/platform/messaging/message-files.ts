import { createHash } from 'node:crypto';
import { AppError, PayloadTooLargeError, ValidationError } from '../../kernel/index.ts';

/** The largest file a message carries. */
export const maxMessageFileBytes = 20 * 1024 * 1024;

const zip = [0x50, 0x4b, 0x03, 0x04];
/** What a message may carry, each checked by its first bytes, not by the header it came with. */
export const messageFileTypes: Record<string, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/gif': [0x47, 0x49, 0x46, 0x38],
  'application/ofd': zip,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': zip,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': zip,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': zip,
};

/**
 * Checks a file before it is kept: an allowed type (415), not empty (400), not too large (413),
 * content that starts the way its type does (415: a disguised file), the SM3 checksum the client
 * sent if any. Returns the SM3 of the content.
 */
export function checkMessageFile(input: { mimeType: string; content: Buffer; checksum?: string | undefined }): string {
  const magic = messageFileTypes[input.mimeType];
  if (!magic) throw new AppError(415, 'messaging.file_type', { mimeType: input.mimeType, allowed: Object.keys(messageFileTypes) });
  if (input.content.length === 0) throw new ValidationError('messaging.file_empty');
  if (input.content.length > maxMessageFileBytes) throw new PayloadTooLargeError({ limit: maxMessageFileBytes });
  if (!magic.every((byte, i) => input.content[i] === byte)) throw new AppError(415, 'messaging.file_content', { mimeType: input.mimeType });
  const sm3 = createHash('sm3').update(input.content).digest('hex');
  if (input.checksum && input.checksum.toLowerCase() !== sm3)
    throw new ValidationError('messaging.file_checksum', { expected: input.checksum, actual: sm3 });
  return sm3;
}
