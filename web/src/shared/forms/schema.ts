import type { TFunction } from 'i18next';
import type { FormJsonSchema, FormUiSchema, ValidationIssue } from '../api-types';
import { isApiError } from '../api';

// A form as a pure function of its JSON Schema and UI hints: which fields, in what order,
// with which control, how a value is checked and what is sent. The desktop and phone
// renderers draw what this file describes; neither knows any field by name.

/** How a field is filled in. */
export type FieldControl =
  | 'text'
  | 'textarea'
  | 'date'
  | 'number'
  | 'select'
  | 'radio'
  | 'yesno'
  | 'switch'
  | 'multiselect'
  | 'checkbox'
  | 'attachment'
  | 'attachments'
  | 'unsupported';

export type FieldValueType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'unknown';

export interface FieldOption {
  value: string | number;
  label: string;
}

export interface FormField {
  kind: 'field';
  /** the property name */
  name: string;
  /** property names from the root: the form's name path */
  path: string[];
  /** the dotted path: test ids, React keys, UI hints */
  key: string;
  title: string;
  description?: string;
  help?: string;
  placeholder?: string;
  required: boolean;
  control: FieldControl;
  type: FieldValueType;
  /** the field's schema, `$ref`s resolved */
  schema: FormJsonSchema;
  /** an array's item schema, resolved */
  items?: FormJsonSchema;
  options: FieldOption[];
}

/** A nested object, drawn as a section of its own fields. */
export interface FormSection {
  kind: 'section';
  name: string;
  path: string[];
  key: string;
  title: string;
  description?: string;
  required: boolean;
  children: FormNode[];
}

export type FormNode = FormField | FormSection;

type Defs = Record<string, FormJsonSchema>;

const MAX_DEPTH = 8;
const TEXTAREA_FROM_LENGTH = 200;
const RADIO_UP_TO = 3;

/**
 * The schema a task's data must satisfy, as the server checks it: `$defs[formKey]` when the
 * schema has it, else the whole schema (the definitions stay, for `$ref`s).
 */
export function selectFormSchema(schema: FormJsonSchema, formKey: string | null | undefined): FormJsonSchema {
  const sub = formKey ? schema.$defs?.[formKey] : undefined;
  return sub ? { ...sub, $defs: { ...schema.$defs, ...sub.$defs } } : schema;
}

function resolve(schema: FormJsonSchema | undefined, defs: Defs, depth = 0): FormJsonSchema {
  if (!schema) return {};
  const ref = schema.$ref;
  if (!ref || depth > MAX_DEPTH) return schema;
  const match = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref);
  const target = match ? defs[decodeURIComponent(match[1]!).replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  if (!target) return schema;
  const { $ref: _ref, ...rest } = schema;
  return { ...resolve(target, defs, depth + 1), ...rest };
}

function valueTypeOf(schema: FormJsonSchema): FieldValueType {
  const types = (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []).filter((type) => type !== 'null');
  if (types.length) return types[0] as FieldValueType;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  if (schema.format === 'attachment') return 'string';
  const values = optionsOf(schema).map((option) => option.value);
  if (values.length) return values.every((value) => typeof value === 'number') ? 'number' : 'string';
  return 'unknown';
}

/** The choices of an `enum`, or of a `oneOf`/`anyOf` of `const`s (each with its `title`). */
export function optionsOf(schema: FormJsonSchema): FieldOption[] {
  const choice = (value: unknown): value is string | number => typeof value === 'string' || typeof value === 'number';
  if (schema.enum) return schema.enum.filter(choice).map((value) => ({ value, label: String(value) }));
  const consts = schema.oneOf ?? schema.anyOf;
  if (consts?.length && consts.every((entry) => entry.const !== undefined)) {
    return consts
      .filter((entry) => choice(entry.const))
      .map((entry) => ({ value: entry.const as string | number, label: entry.title ?? String(entry.const) }));
  }
  return [];
}

type Hint = NonNullable<FormUiSchema['fields']>[string];

function controlOf(
  type: FieldValueType,
  schema: FormJsonSchema,
  items: FormJsonSchema | undefined,
  hint: Hint,
  required: boolean,
): FieldControl {
  const widget = hint.widget;
  const options = optionsOf(schema);
  switch (type) {
    case 'string':
    case 'number':
    case 'integer':
      if (schema.format === 'attachment' || (type === 'string' && widget === 'attachment')) return 'attachment';
      if (options.length) {
        if (widget === 'radio' || widget === 'select') return widget;
        return options.length <= RADIO_UP_TO ? 'radio' : 'select';
      }
      if (type !== 'string') return 'number';
      if (schema.format === 'date' || widget === 'date') return 'date';
      if (widget === 'textarea' || (schema.maxLength ?? 0) > TEXTAREA_FROM_LENGTH) return 'textarea';
      return 'text';
    case 'boolean':
      if (widget === 'switch') return 'switch';
      if (widget === 'radio') return 'yesno';
      // A required yes/no is a choice to make, not an off switch to leave as it is.
      return required ? 'yesno' : 'switch';
    case 'array': {
      if (!items) return 'unsupported';
      if (items.format === 'attachment' || widget === 'attachment') return 'attachments';
      if (optionsOf(items).length) return widget === 'checkbox' || widget === 'radio' ? 'checkbox' : 'multiselect';
      return 'unsupported';
    }
    default:
      return 'unsupported';
  }
}

function orderOf(ui: FormUiSchema | null | undefined) {
  const order = ui?.order ?? [];
  return (name: string, key: string) => {
    const byKey = order.indexOf(key);
    const byName = order.indexOf(name);
    const ranks = [byKey, byName].filter((rank) => rank >= 0);
    return ranks.length ? Math.min(...ranks) : Number.POSITIVE_INFINITY;
  };
}

/**
 * The fields and sections of an object schema, in the UI hints' order (the others after,
 * in the schema's order). A property's title is its `title`, else its name.
 */
export function describeForm(schema: FormJsonSchema, uiSchema?: FormUiSchema | null): FormNode[] {
  const defs: Defs = { ...schema.$defs };
  const rank = orderOf(uiSchema);
  const hints = uiSchema?.fields ?? {};

  const walk = (objectSchema: FormJsonSchema, parent: string[], depth: number): FormNode[] => {
    const properties = Object.entries(objectSchema.properties ?? {});
    const required = new Set(objectSchema.required ?? []);
    const nodes = properties.map(([name, raw], index): { node: FormNode; rank: number; index: number } => {
      const path = [...parent, name];
      const key = path.join('.');
      const own = resolve(raw, defs);
      const type = valueTypeOf(own);
      const title = own.title || name;
      const description = own.description || undefined;
      if (type === 'object' && own.properties && depth < MAX_DEPTH) {
        const node: FormSection = {
          kind: 'section',
          name,
          path,
          key,
          title,
          description,
          required: required.has(name),
          children: walk(own, path, depth + 1),
        };
        return { node, rank: rank(name, key), index };
      }
      const hint: Hint = hints[key] ?? hints[name] ?? {};
      const items = type === 'array' ? resolve(own.items, defs) : undefined;
      const control = controlOf(type, own, items, hint, required.has(name));
      const node: FormField = {
        kind: 'field',
        name,
        path,
        key,
        title,
        description,
        help: hint.help,
        placeholder: hint.placeholder,
        required: required.has(name),
        control,
        type,
        schema: own,
        items,
        options: optionsOf(items ?? own),
      };
      return { node, rank: rank(name, key), index };
    });
    return nodes.sort((a, b) => a.rank - b.rank || a.index - b.index).map((entry) => entry.node);
  };

  return walk(resolve(schema, defs), [], 0);
}

// --- values ---

type Values = Record<string, unknown>;

const isRecord = (value: unknown): value is Values => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

/** Reads a value at a name path. */
export function valueAt(values: unknown, path: readonly string[]): unknown {
  let current = values;
  for (const segment of path) {
    if (!isRecord(current)) return undefined;
    current = current[segment];
  }
  return current;
}

/** `over` laid over `under`, objects merged key by key (arrays and other values replaced). */
export function mergeValues(under: unknown, over: unknown): Values {
  const result: Values = isRecord(under) ? { ...under } : {};
  if (!isRecord(over)) return result;
  for (const [key, value] of Object.entries(over)) {
    result[key] = isRecord(value) && isRecord(result[key]) ? mergeValues(result[key], value) : value;
  }
  return result;
}

/**
 * A field's value as it would be sent, or undefined when it is empty: strings trimmed,
 * numbers from text, empty lists dropped. A value of the wrong kind is kept as it is, for
 * the check to name.
 */
export function normalizeValue(field: FormField, raw: unknown): unknown {
  // A switch left as it is says 否.
  if (field.control === 'switch') return raw === true;
  if (raw === undefined || raw === null) return undefined;
  switch (field.control) {
    case 'number':
      if (typeof raw === 'string') {
        const text = raw.trim();
        if (!text) return undefined;
        const number = Number(text);
        return Number.isNaN(number) ? raw : number;
      }
      return raw;
    case 'multiselect':
    case 'checkbox':
    case 'attachments':
      return Array.isArray(raw) ? (raw.length ? raw : undefined) : raw;
    case 'unsupported':
      return raw;
    default:
      if (typeof raw === 'string') {
        const text = raw.trim();
        return text ? text : undefined;
      }
      return raw;
  }
}

/**
 * The data to send: every field of the schema that has a value, sections as objects
 * (always present, so that their required fields are required), nothing the schema does
 * not name.
 */
export function collectValues(nodes: readonly FormNode[], raw: unknown): Values {
  const result: Values = {};
  for (const node of nodes) {
    const value = valueAt(raw, [node.name]);
    if (node.kind === 'section') result[node.name] = collectValues(node.children, value);
    else {
      const normalized = normalizeValue(node, value);
      if (normalized !== undefined) result[node.name] = normalized;
    }
  }
  return result;
}

/** Initial values for a form: what `source` holds for the schema's fields (sections recursed). */
export function pickValues(nodes: readonly FormNode[], source: unknown): Values {
  const result: Values = {};
  for (const node of nodes) {
    const value = valueAt(source, [node.name]);
    if (node.kind === 'section') result[node.name] = pickValues(node.children, value);
    else if (value !== undefined && value !== null) result[node.name] = value;
  }
  return result;
}

// --- checks (the server checks again, with Ajv) ---

const CHOICES: readonly FieldControl[] = ['select', 'radio', 'yesno', 'multiselect', 'checkbox'];
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A schema's `pattern` as Ajv reads it (unicode), or null when this browser cannot read it: the server checks it then. */
function compilePattern(source: string): RegExp | null {
  try {
    return new RegExp(source, 'u');
  } catch {
    return null;
  }
}

function checkString(field: FormField, schema: FormJsonSchema, value: string, t: TFunction): string | null {
  const title = field.title;
  const length = [...value].length;
  if (schema.minLength !== undefined && length < schema.minLength) return t('forms.minLength', { title, n: schema.minLength });
  if (schema.maxLength !== undefined && length > schema.maxLength) return t('forms.maxLength', { title, n: schema.maxLength });
  if (schema.format === 'date' && !isDate(value)) return t('forms.date', { title });
  if (schema.format === 'email' && !EMAIL.test(value)) return t('forms.email', { title });
  if (schema.pattern) {
    const pattern = compilePattern(schema.pattern);
    if (pattern && !pattern.test(value)) return t('forms.pattern', { title });
  }
  return null;
}

function checkNumber(field: FormField, schema: FormJsonSchema, value: number, t: TFunction): string | null {
  const title = field.title;
  if (!Number.isFinite(value)) return t('forms.number', { title });
  if (field.type === 'integer' && !Number.isInteger(value)) return t('forms.integer', { title });
  if (schema.minimum !== undefined && value < schema.minimum) return t('forms.minimum', { title, n: schema.minimum });
  if (schema.maximum !== undefined && value > schema.maximum) return t('forms.maximum', { title, n: schema.maximum });
  if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum)
    return t('forms.exclusiveMinimum', { title, n: schema.exclusiveMinimum });
  if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum)
    return t('forms.exclusiveMaximum', { title, n: schema.exclusiveMaximum });
  if (schema.multipleOf && Math.abs(value / schema.multipleOf - Math.round(value / schema.multipleOf)) > 1e-9) {
    return t('forms.multipleOf', { title, n: schema.multipleOf });
  }
  return null;
}

function checkScalar(field: FormField, schema: FormJsonSchema, value: unknown, t: TFunction): string | null {
  const options = optionsOf(schema);
  if (options.length && !options.some((option) => option.value === value)) return t('forms.choice', { title: field.title });
  if (typeof value === 'string') {
    if (field.type === 'number' || field.type === 'integer') return t('forms.number', { title: field.title });
    return checkString(field, schema, value, t);
  }
  if (typeof value === 'number') return checkNumber(field, schema, value, t);
  return null;
}

/** What is wrong with a field's value, in the reader's language; null when nothing is. */
export function checkField(field: FormField, raw: unknown, t: TFunction): string | null {
  if (field.control === 'unsupported') return null;
  const value = normalizeValue(field, raw);
  const title = field.title;
  if (value === undefined) {
    if (!field.required) return null;
    if (field.control === 'attachment' || field.control === 'attachments') return t('forms.requiredFile', { title });
    return t(CHOICES.includes(field.control) ? 'forms.requiredChoice' : 'forms.required', { title });
  }
  if (Array.isArray(value)) {
    const files = field.control === 'attachments';
    const { minItems, maxItems } = field.schema;
    if (minItems !== undefined && value.length < minItems) return t(files ? 'forms.minFiles' : 'forms.minItems', { title, n: minItems });
    if (maxItems !== undefined && value.length > maxItems) return t(files ? 'forms.maxFiles' : 'forms.maxItems', { title, n: maxItems });
    for (const entry of value) {
      const problem = checkScalar(field, field.items ?? {}, entry, t);
      if (problem) return problem;
    }
    return null;
  }
  return checkScalar(field, field.schema, value, t);
}

// --- the server's answer ---

/** The issues of a `workflow.form_invalid` answer (and of a `validation.failed` one about the variables); null for any other error. */
export function formIssues(error: unknown): ValidationIssue[] | null {
  if (!isApiError(error)) return null;
  if (error.code === 'workflow.form_invalid') return error.issues;
  if (error.code === 'validation.failed' && error.issues.some((issue) => issue.path.includes('variables'))) return error.issues;
  return null;
}

export interface PlacedIssues {
  /** messages by field key (dotted path) */
  byField: Map<string, string[]>;
  /** the rest, each with the titles of where it is */
  other: string[];
}

/**
 * Puts the server's issues on the fields they name: the deepest field whose path starts
 * the issue's path (`['files', 0]` is the field `files`). An issue about a section or an
 * unknown place is kept as a general message.
 */
export function placeIssues(nodes: readonly FormNode[], issues: readonly ValidationIssue[]): PlacedIssues {
  const byField = new Map<string, string[]>();
  const other: string[] = [];
  const top = new Set(nodes.map((node) => node.name));
  for (const issue of issues) {
    let path = issue.path.map(String);
    // A path of the request ('body', 'variables', …) rather than of the form data.
    while (path.length && !top.has(path[0]!) && ['body', 'variables'].includes(path[0]!)) path = path.slice(1);
    let level: readonly FormNode[] = nodes;
    const titles: string[] = [];
    let field: FormField | null = null;
    for (const segment of path) {
      const node = level.find((candidate) => candidate.name === segment);
      if (!node) break;
      titles.push(node.title);
      if (node.kind === 'field') {
        field = node;
        break;
      }
      level = node.children;
    }
    if (field) byField.set(field.key, [...(byField.get(field.key) ?? []), issue.message]);
    else other.push(titles.length ? `${titles.join(' / ')}：${issue.message}` : issue.message);
  }
  return { byField, other };
}

/** Every field of a form, sections flattened. */
export function formFields(nodes: readonly FormNode[]): FormField[] {
  return nodes.flatMap((node) => (node.kind === 'section' ? formFields(node.children) : [node]));
}
