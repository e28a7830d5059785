import { AppError, PayloadTooLargeError, ValidationError } from '../../kernel/index.ts';

/** A file part of a multipart body: its name and type as sent, and its bytes. */
export interface SentFile {
  name: string | null;
  mimeType: string | null;
  content: Buffer;
}

/** A file ready for the attachment store. */
export interface UploadFile {
  name: string;
  mimeType: string;
  content: Buffer;
}

/** The attachment store's own limit per file (platform/workflow's maxAttachmentBytes). */
export const maxDocumentBytes = 20 * 1024 * 1024;
export const maxDocuments = 10;
/** A whole upload body: ten files would not fit, base64 adds a third. */
export const maxUploadBodyBytes = 30 * 1024 * 1024;

/** The contract's field is `file` (an array); `file[]` and `files` are read the same. */
const fileFields = new Set(['file', 'file[]', 'files']);
const invalid = () => new ValidationError('govstack.registration.multipart_invalid');

/**
 * multipart/form-data as the contract sends it: each `file` part is a file (with a filename and
 * a type) or, as the contract's schema has it, a base64 string (a plain field). Other fields are
 * ignored. Small and strict: headers must be there, the closing boundary too.
 */
export function parseMultipart(body: Buffer, contentType: string | undefined): { file: (string | SentFile)[] } {
  const match = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '');
  if (!match) throw invalid();
  const boundary = Buffer.from(`--${match[1] ?? match[2]}`);
  const delimiter = Buffer.concat([Buffer.from('\r\n'), boundary]);
  const file: (string | SentFile)[] = [];
  let at = body.indexOf(boundary);
  if (at < 0) throw invalid();
  for (let parts = 0; ; parts++) {
    at += boundary.length;
    if (body[at] === 0x2d && body[at + 1] === 0x2d) break; // "--": the closing boundary
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a || parts >= 50) throw invalid();
    at += 2;
    const headerEnd = body.indexOf('\r\n\r\n', at);
    const next = body.indexOf(delimiter, at);
    if (headerEnd < 0 || next < 0 || headerEnd > next) throw invalid();
    const headers = partHeaders(body.subarray(at, headerEnd).toString('utf8'));
    const content = body.subarray(headerEnd + 4, next);
    at = next + 2;
    const disposition = headers.get('content-disposition') ?? '';
    const name = param(disposition, 'name');
    if (!name || !fileFields.has(name)) continue;
    const filename = extendedParam(disposition, 'filename') ?? param(disposition, 'filename');
    if (filename === null) file.push(content.toString('utf8'));
    else file.push({ name: filename, mimeType: headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? null, content });
  }
  return { file };
}

function partHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw invalid();
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function param(header: string, key: string): string | null {
  const found = new RegExp(`(?:^|;)\\s*${key}="([^"]*)"`, 'i').exec(header) ?? new RegExp(`(?:^|;)\\s*${key}=([^;\\s]+)`, 'i').exec(header);
  return found ? found[1]! : null;
}

/** RFC 5987 `filename*=UTF-8''…`, preferred when sent. */
function extendedParam(header: string, key: string): string | null {
  const found = new RegExp(`(?:^|;)\\s*${key}\\*=UTF-8''([^;\\s]+)`, 'i').exec(header);
  if (!found) return null;
  try {
    return decodeURIComponent(found[1]!);
  } catch {
    throw new ValidationError('govstack.registration.invalid_file_name');
  }
}

/** application/x-www-form-urlencoded: `file=<base64>` (as GovStack's conformance suite sends it). */
export function parseUrlEncoded(body: string): { file: string[] } {
  const params = new URLSearchParams(body);
  return { file: [...params.entries()].filter(([key]) => fileFields.has(key) || /^file\[\d+\]$/.test(key)).map(([, value]) => value) };
}

const signatures: [string, number[], string][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d], 'pdf'],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'png'],
  ['image/jpeg', [0xff, 0xd8, 0xff], 'jpg'],
];

/** What a file without a declared type is, by its first bytes (the attachment store checks again, for every type it takes). */
function sniff(content: Buffer): { mimeType: string; extension: string } {
  const found = signatures.find(([, magic]) => magic.every((byte, i) => content[i] === byte));
  return found ? { mimeType: found[0], extension: found[2] } : { mimeType: 'application/octet-stream', extension: 'bin' };
}

/** A base64 string (or a `data:` URL) decoded; anything else is a 400. */
function decodeBase64(text: string, index: number): { content: Buffer; mimeType: string | null } {
  const dataUrl = /^data:([\w.+-]+\/[\w.+-]+)?(?:;[\w-]+=[\w-]+)*;base64,/i.exec(text.trim());
  const payload = (dataUrl ? text.trim().slice(dataUrl[0].length) : text).replace(/\s+/g, '');
  if (!payload || payload.length % 4 === 1 || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(payload))
    throw new ValidationError('govstack.registration.invalid_base64', { index });
  return { content: Buffer.from(payload, 'base64'), mimeType: dataUrl?.[1]?.toLowerCase() ?? null };
}

const badName = (name: string) =>
  name.length === 0 || name.length > 200 || /[/\\]/.test(name) || [...name].some((c) => c.charCodeAt(0) < 0x20);

/** The files of an upload, named and typed, each within the attachment store's limit. */
export function uploadFiles(sent: (string | SentFile)[]): UploadFile[] {
  if (sent.length === 0) throw new ValidationError('govstack.registration.no_file');
  if (sent.length > maxDocuments) throw new ValidationError('govstack.registration.too_many_files', { max: maxDocuments });
  return sent.map((entry, i) => {
    const decoded = typeof entry === 'string' ? decodeBase64(entry, i + 1) : { content: entry.content, mimeType: entry.mimeType };
    if (decoded.content.length > maxDocumentBytes) throw new PayloadTooLargeError({ limit: maxDocumentBytes });
    const guessed = sniff(decoded.content);
    const declared = decoded.mimeType && decoded.mimeType !== 'application/octet-stream' ? decoded.mimeType : null;
    const name = typeof entry === 'string' || !entry.name ? `document-${i + 1}.${guessed.extension}` : entry.name.trim();
    if (badName(name)) throw new ValidationError('govstack.registration.invalid_file_name');
    return { name, mimeType: declared ?? guessed.mimeType, content: decoded.content };
  });
}

/** Parses an upload body of a type the route takes; others are the kernel's 415. */
export function parseUploadBody(contentType: string | undefined, body: Buffer): { file: (string | SentFile)[] } {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'multipart/form-data') return parseMultipart(body, contentType);
  if (type === 'application/x-www-form-urlencoded') return parseUrlEncoded(body.toString('utf8'));
  throw new AppError(415, 'request.unsupported_media_type');
}
