import type { TFunction } from 'i18next';
import type { FormJsonSchema, ValidationIssue } from '../shared/api-types';
import type { CaseView } from './case-queries';

// 补正: the department asked for more; the applicant answers with a note, new materials, and
// corrected answers. One small form, drawn by SchemaForm / MobileSchemaForm from the schema
// made here: the note, the case's materials as optional new uploads, and its answers (not the
// verified identity) in a section to correct.

const CORRECTIONS = 'corrections';
const COMMENT = 'comment';

type Properties = Record<string, FormJsonSchema>;

const isUpload = (p: FormJsonSchema) => p.format === 'attachment';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The questions 补正 can answer: the case's own answers (an attachment replaced by a new upload),
 * not the verified identity. (The case does not carry its service's form, and reading the
 * application form again would read the applicant's shared data again: a material never
 * uploaded is not offered.)
 */
function questionsOf(view: CaseView): Properties {
  return Object.fromEntries(
    view.answers
      .filter((a) => a.source !== '实名认证信息')
      .map((a): [string, FormJsonSchema] => [
        a.key,
        a.attachment
          ? { type: 'string', format: 'attachment', title: a.title }
          : typeof a.value === 'number'
            ? { type: 'number', title: a.title }
            : { type: 'string', title: a.title, ...(DAY.test(String(a.value)) ? { format: 'date' } : {}) },
      ]),
  );
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface SupplementForm {
  schema: FormJsonSchema;
  initial: Record<string, unknown>;
  /** what to send: the note, new uploads and the answers that changed; null when nothing was given */
  body: (values: Record<string, unknown>) => { form: Record<string, unknown>; comment?: string } | null;
  /** the server's issues (about the merged application) on this form's fields */
  issues: (issues: readonly ValidationIssue[]) => ValidationIssue[];
}

export function supplementForm(view: CaseView, t: TFunction): SupplementForm {
  const questions = questionsOf(view);
  const uploads: Properties = {};
  const answers: Properties = {};
  for (const [key, p] of Object.entries(questions)) (isUpload(p) ? uploads : answers)[key] = p;
  const schema: FormJsonSchema = {
    type: 'object',
    properties: {
      [COMMENT]: { type: 'string', title: t('portal.cases.supplement.comment'), maxLength: 500 },
      ...uploads,
      ...(Object.keys(answers).length
        ? { [CORRECTIONS]: { type: 'object', title: t('portal.cases.supplement.corrections'), properties: answers } }
        : {}),
    },
  };
  const initial = { [CORRECTIONS]: Object.fromEntries(Object.keys(answers).map((key) => [key, view.form[key]])) };
  return {
    schema,
    initial,
    body: (values) => {
      const form: Record<string, unknown> = {};
      for (const key of Object.keys(uploads)) if (values[key] !== undefined) form[key] = values[key];
      const corrected = (values[CORRECTIONS] ?? {}) as Record<string, unknown>;
      // an answer cleared is not a correction: 补正 changes answers, it does not take them back
      for (const key of Object.keys(answers))
        if (corrected[key] !== undefined && !same(corrected[key], view.form[key])) form[key] = corrected[key];
      const comment = typeof values[COMMENT] === 'string' ? values[COMMENT].trim() : '';
      if (!comment && Object.keys(form).length === 0) return null;
      return comment ? { form, comment } : { form };
    },
    issues: (issues) =>
      issues.map((issue) => {
        const path = issue.path.map(String).filter((segment) => segment !== 'body' && segment !== 'form');
        return { ...issue, path: path[0] && path[0] in answers ? [CORRECTIONS, ...path] : path };
      }),
  };
}
