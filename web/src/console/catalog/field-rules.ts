import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/api';
import type { CatalogField, CatalogFieldType, CatalogOpenType, DataGrade } from '../../shared/api-types';
import { GRADES, LIMITS } from './catalog-queries';

/** The server's rule for a field's identifier. */
export const FIELD_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** Personal identifiers are graded L3 (敏感) or higher — the server refuses less. */
export const MINIMUM_GRADE: Partial<Record<CatalogFieldType, DataGrade>> = { id_number: 'L3', phone: 'L3' };

export const gradeAtLeast = (grade: DataGrade, minimum: DataGrade) => GRADES.indexOf(grade) >= GRADES.indexOf(minimum);

/** A row of the field editor: a field and a stable key that survives renaming and reordering. */
export interface EditorRow extends CatalogField {
  uid: string;
}

let lastUid = 0;
const nextUid = () => `field-${++lastUid}`;

export function toRows(fields: readonly CatalogField[]): EditorRow[] {
  return fields.map((field) => ({ ...field, uid: nextUid() }));
}

export function blankRow(grade: DataGrade): EditorRow {
  return { uid: nextUid(), name: '', label: '', type: 'string', description: '', grade, key: false, required: false };
}

/** The fields as the server takes them (trimmed, without the editor's keys). */
export function toFields(rows: readonly EditorRow[]): CatalogField[] {
  return rows.map(({ name, label, type, description, grade, key, required }) => ({
    name: name.trim(),
    label: label.trim(),
    type,
    description: description.trim(),
    grade,
    key,
    required,
  }));
}

/** Which input of a row a problem is about (null: the row as a whole). */
export type FieldColumn = 'name' | 'label' | 'type' | 'grade' | 'key' | 'required' | 'description';

export interface RowProblem {
  column: FieldColumn | null;
  message: string;
}

export interface FieldProblems {
  /** by row uid */
  rows: Map<string, RowProblem[]>;
  /** about the list as a whole (no key field …), or the server's own words */
  general: string[];
}

export const noProblems = (): FieldProblems => ({ rows: new Map(), general: [] });

function addProblem(problems: FieldProblems, uid: string, problem: RowProblem): void {
  problems.rows.set(uid, [...(problems.rows.get(uid) ?? []), problem]);
}

export function countProblems(problems: FieldProblems): number {
  let n = problems.general.length;
  for (const list of problems.rows.values()) n += list.length;
  return n;
}

export function mergeProblems(a: FieldProblems, b: FieldProblems): FieldProblems {
  const merged: FieldProblems = { rows: new Map(a.rows), general: [...a.general] };
  for (const [uid, list] of b.rows) for (const problem of list) addProblem(merged, uid, problem);
  for (const message of b.general) if (!merged.general.includes(message)) merged.general.push(message);
  return merged;
}

/**
 * The server's rules for a field list, checked before sending so that a mistake is shown on
 * its row at once: identifiers well formed and unique, labels given, 身份证号 and 手机号
 * graded L3 or higher, only L1 fields in an open (无条件开放) resource, at least one key.
 * The server checks the same again, and its answer is the one that counts.
 */
export function checkFields(rows: readonly EditorRow[], openType: CatalogOpenType | undefined, t: TFunction): FieldProblems {
  const problems = noProblems();
  if (rows.length === 0) problems.general.push(t('catalog.rules.noFields'));
  if (rows.length > LIMITS.fields) problems.general.push(t('catalog.rules.tooMany', { max: LIMITS.fields }));

  const seen = new Map<string, number>();
  for (const row of rows) {
    const name = row.name.trim();
    if (name) seen.set(name, (seen.get(name) ?? 0) + 1);
  }

  for (const row of rows) {
    const name = row.name.trim();
    if (!name) addProblem(problems, row.uid, { column: 'name', message: t('catalog.rules.nameRequired') });
    else if (!FIELD_NAME.test(name)) addProblem(problems, row.uid, { column: 'name', message: t('catalog.rules.nameFormat') });
    else if ((seen.get(name) ?? 0) > 1) addProblem(problems, row.uid, { column: 'name', message: t('catalog.rules.duplicate', { name }) });

    const label = row.label.trim();
    if (!label) addProblem(problems, row.uid, { column: 'label', message: t('catalog.rules.labelRequired') });
    else if (label.length > LIMITS.fieldLabel)
      addProblem(problems, row.uid, { column: 'label', message: t('catalog.rules.labelTooLong', { max: LIMITS.fieldLabel }) });

    if (row.description.trim().length > LIMITS.fieldDescription)
      addProblem(problems, row.uid, {
        column: 'description',
        message: t('catalog.rules.descriptionTooLong', { max: LIMITS.fieldDescription }),
      });

    const minimum = MINIMUM_GRADE[row.type];
    if (minimum && !gradeAtLeast(row.grade, minimum))
      addProblem(problems, row.uid, {
        column: 'grade',
        message: t('catalog.rules.gradeTooLow', {
          type: t(`catalog.fieldTypes.${row.type}`),
          minimum,
          label: t(`catalog.grades.${minimum}`),
        }),
      });
    else if (openType === 'open' && row.grade !== 'L1')
      addProblem(problems, row.uid, { column: 'grade', message: t('catalog.rules.openNeedsL1') });
  }

  if (rows.length > 0 && !rows.some((row) => row.key)) problems.general.push(t('catalog.rules.noKey'));
  return problems;
}

/** The server's refusals about the field list, and the input of a row each points at. */
const FIELD_CODES: Record<string, FieldColumn | null> = {
  'catalog.grade_too_low': 'grade',
  'catalog.open_needs_l1': 'grade',
  'catalog.duplicate_field': 'name',
  'catalog.invalid_field_name': 'name',
  'catalog.no_key': 'key',
};

const COLUMNS: readonly FieldColumn[] = ['name', 'label', 'type', 'grade', 'key', 'required', 'description'];

/** The rows an error's details name: `{ field }` or `{ fields: [...] }`, by field name or index. */
function rowsNamedIn(details: Record<string, unknown>, rows: readonly EditorRow[]): EditorRow[] {
  const refs = [details['field'], details['name'], ...(Array.isArray(details['fields']) ? details['fields'] : [])];
  const found = new Set<EditorRow>();
  for (const ref of refs) {
    if (typeof ref === 'number' && rows[ref]) found.add(rows[ref]);
    else if (typeof ref === 'string') for (const row of rows) if (row.name.trim() === ref) found.add(row);
  }
  return [...found];
}

function indexOf(segment: unknown): number | null {
  if (typeof segment === 'number') return segment;
  if (typeof segment === 'string' && /^\d+$/.test(segment)) return Number(segment);
  return null;
}

/**
 * What a refused save says about the field list: the catalog rule the server applied (its
 * message, on the rows it names) or the validation issues under `fields`. Null when the
 * error is not about the fields.
 */
export function fieldProblemsFromError(error: unknown, rows: readonly EditorRow[]): FieldProblems | null {
  if (!(error instanceof ApiError)) return null;
  const problems = noProblems();
  if (error.code in FIELD_CODES) {
    const column = FIELD_CODES[error.code] ?? null;
    problems.general.push(error.message);
    for (const row of rowsNamedIn(error.details, rows)) addProblem(problems, row.uid, { column, message: error.message });
    return problems;
  }
  if (error.code !== 'validation.failed') return null;
  for (const issue of error.issues) {
    const path = issue.path[0] === 'body' ? issue.path.slice(1) : issue.path;
    if (path[0] !== 'fields') continue;
    const index = indexOf(path[1]);
    const row = index === null ? undefined : rows[index];
    const column = COLUMNS.find((name) => name === path[2]) ?? null;
    if (row) addProblem(problems, row.uid, { column, message: issue.message });
    else problems.general.push(issue.message);
  }
  return countProblems(problems) ? problems : null;
}
