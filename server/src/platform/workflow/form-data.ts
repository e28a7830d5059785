import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';
import localizeEnModule from 'ajv-i18n/localize/en/index.js';
import type { Locale } from '../../kernel/index.ts';

// CommonJS modules whose declarations say `export default`: at run time the import is the function itself.
type Localize = (errors: ErrorObject[]) => void;
const localizeZh = localizeZhModule as unknown as Localize;
const localizeEn = localizeEnModule as unknown as Localize;

/** An attachment field holds the id of an uploaded file (`att_…`). */
export const attachmentFormat = /^att_[0-9a-z]{26}$/;

/** The one Ajv setup forms use: strict at deploy (unknown keywords refused), formats on. */
export function createFormAjv(): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat('attachment', attachmentFormat);
  return ajv;
}

/**
 * The schema one step of a form is checked against: `$defs[formKey]` when the form has that
 * part, otherwise the root (the application) — each with the form's `$defs` beside it, so
 * references resolve. `part` says which it was.
 */
export function formPart(schema: Record<string, unknown>, formKey: string | null): { schema: Record<string, unknown>; part: boolean } {
  const defs = (schema.$defs ?? {}) as Record<string, Record<string, unknown>>;
  if (formKey && defs[formKey]) return { schema: { ...defs[formKey], $defs: defs }, part: true };
  const { $defs: _defs, ...root } = schema;
  return { schema: { ...root, $defs: defs }, part: false };
}

/** Every schema a form's steps can be checked against: the root and each `$defs` part (deploy compiles them all). */
export function formParts(schema: Record<string, unknown>): [key: string, schema: Record<string, unknown>][] {
  const defs = Object.keys((schema.$defs ?? {}) as Record<string, unknown>);
  return [
    ['', formPart(schema, null).schema],
    ...defs.map((key) => [key, formPart(schema, key).schema] as [string, Record<string, unknown>]),
  ];
}

export interface FormIssue {
  path: string[];
  message: string;
}

const ajv = createFormAjv();
const compiled = new Map<string, ValidateFunction>();

/**
 * Checks form data against a form's JSON Schema (the same Ajv the deploy used), with messages
 * in the caller's language. `cacheKey` names a deployed form version: versions never change.
 */
export function checkFormData(cacheKey: string, schema: Record<string, unknown>, data: unknown, locale: Locale): FormIssue[] {
  let validate = compiled.get(cacheKey);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(cacheKey, validate);
  }
  if (validate(data)) return [];
  const errors = structuredClone(validate.errors ?? []) as ErrorObject[];
  (locale === 'en' ? localizeEn : localizeZh)(errors);
  return errors.map((error) => {
    const path = error.instancePath.split('/').slice(1).map(unescapePointer);
    if (error.keyword === 'required') path.push(String((error.params as { missingProperty: string }).missingProperty));
    if (error.keyword === 'additionalProperties') path.push(String((error.params as { additionalProperty: string }).additionalProperty));
    return { path, message: error.message ?? error.keyword };
  });
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The attachment ids a form's data names, by walking the schema beside the data. */
export function attachmentIds(schema: unknown, data: unknown, defs: Record<string, unknown> = {}): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const node = schema as Record<string, unknown>;
  const allDefs = { ...defs, ...((node.$defs as Record<string, unknown> | undefined) ?? {}) };
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#/$defs/')) return attachmentIds(allDefs[node.$ref.slice(8)], data, allDefs);
  if (node.format === 'attachment' && typeof data === 'string') return [data];
  if (Array.isArray(data) && node.items) return data.flatMap((entry) => attachmentIds(node.items, entry, allDefs));
  if (data && typeof data === 'object' && node.properties && typeof node.properties === 'object') {
    return Object.entries(node.properties as Record<string, unknown>).flatMap(([key, child]) =>
      attachmentIds(child, (data as Record<string, unknown>)[key], allDefs),
    );
  }
  return [];
}
