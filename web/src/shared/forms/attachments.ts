import { useLayoutEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { api, apiUrl } from '../api';
import type { WorkflowAttachment } from '../api-types';
import { errorMessage } from '../errors';

// Attachment fields: files uploaded on their own (POST /workflow/attachments), the form
// holding their ids. The server checks the size and the type by content; these checks only
// spare a person a useless upload.

export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** For `<input type="file" accept>`. */
export const ATTACHMENT_ACCEPT = Object.keys(TYPES)
  .map((ext) => `.${ext}`)
  .join(',');

const extensionOf = (name: string) => /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

/** Why a file may not be uploaded (too big, not an allowed type); null when it may. */
export function checkAttachment(file: Pick<File, 'name' | 'size' | 'type'>, t: TFunction): string | null {
  const ext = extensionOf(file.name);
  if (!TYPES[ext] && !Object.values(TYPES).includes(file.type)) return t('forms.attachment.badType', { name: file.name });
  if (file.size > ATTACHMENT_MAX_BYTES) return t('forms.attachment.tooLarge', { name: file.name });
  if (file.size === 0) return t('forms.attachment.empty', { name: file.name });
  return null;
}

/**
 * POST /workflow/attachments: the file as the raw body, its name percent-encoded in
 * `X-File-Name`. (`X-Checksum-SM3` is optional and not sent: the browser has no SM3.)
 */
export function uploadAttachment(file: File): Promise<WorkflowAttachment> {
  const contentType = TYPES[extensionOf(file.name)] ?? (file.type || 'application/octet-stream');
  return api.upload<WorkflowAttachment>('/workflow/attachments', file, contentType, undefined, {
    'X-File-Name': encodeURIComponent(file.name),
  });
}

/** GET /workflow/attachments/:id, for a download link. */
export function attachmentUrl(id: string): string {
  return apiUrl(`/workflow/attachments/${encodeURIComponent(id)}`);
}

/** 1.2 MB, 340 KB, 12 B */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

// What this page has uploaded, by id: a field holding an id uploaded earlier (a prefill,
// a variable) shows the id only, as the server has no call that describes one.
const known = new Map<string, WorkflowAttachment>();

export interface AttachmentEntry {
  /** the attachment id; null while uploading */
  id: string | null;
  /** React key */
  key: string;
  name: string;
  size: number | null;
  uploading: boolean;
}

const idsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : typeof value === 'string' && value ? [value] : [];

let nextUpload = 0;

/**
 * The state of an attachment field: its files (uploaded, and uploading), adding files
 * (checked, then uploaded one by one in parallel) and removing them. `value` is an id, or
 * an array of ids when `multiple`; a single field's new file replaces the old one.
 */
export function useAttachmentField(
  value: unknown,
  onChange: ((value: string | string[] | undefined) => void) | undefined,
  multiple: boolean,
  t: TFunction,
) {
  const [uploading, setUploading] = useState<AttachmentEntry[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  // The latest value and onChange, for uploads that finish after later renders.
  const latest = useRef({ value, onChange });
  useLayoutEffect(() => {
    latest.current = { value, onChange };
  });

  const ids = idsOf(value);
  const entries: AttachmentEntry[] = [
    ...ids.map((id) => {
      const meta = known.get(id);
      return { id, key: id, name: meta?.name ?? t('forms.attachment.unnamed', { id }), size: meta?.size ?? null, uploading: false };
    }),
    ...uploading,
  ];

  const add = (files: readonly File[]) => {
    const chosen = multiple ? files : files.slice(0, 1);
    const found: string[] = [];
    const accepted = chosen.filter((file) => {
      const problem = checkAttachment(file, t);
      if (problem) found.push(problem);
      return !problem;
    });
    setProblems(found);
    for (const file of accepted) {
      const key = `upload-${++nextUpload}`;
      setUploading((previous) => [...previous, { id: null, key, name: file.name, size: file.size, uploading: true }]);
      uploadAttachment(file)
        .then((attachment) => {
          known.set(attachment.id, attachment);
          const current = idsOf(latest.current.value);
          latest.current.onChange?.(multiple ? [...current, attachment.id] : attachment.id);
        })
        .catch((error: unknown) => {
          setProblems((previous) => [...previous, t('forms.attachment.failed', { name: file.name, reason: errorMessage(error, t) })]);
        })
        .finally(() => setUploading((previous) => previous.filter((entry) => entry.key !== key)));
    }
  };

  const remove = (id: string) => {
    const rest = idsOf(latest.current.value).filter((other) => other !== id);
    latest.current.onChange?.(multiple ? rest : undefined);
  };

  return { entries, problems, add, remove, busy: uploading.length > 0, canAdd: multiple || !ids.length };
}
