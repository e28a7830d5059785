import { parse } from 'csv-parse';
import { JSONParser } from '@streamparser/json';
import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import { ValidationError } from '../../kernel/index.ts';
import type { Field } from '../catalog/index.ts';

export const fileFormats = ['csv', 'xlsx', 'json'] as const;
export type FileFormat = (typeof fileFormats)[number];

type Row = Record<string, unknown>;
/** One data row of a file: its number as the person who made the file counts (the header is row 1 of a sheet). */
export interface FileRow {
  row: number;
  record: Row;
}

/**
 * A column heading to its field: the field's name or its Chinese label (a department's export
 * carries 身份证号, not id_number). Unknown or missing-required columns refuse the whole file.
 */
export function headerMap(fields: Field[], headings: string[]): (Field | null)[] {
  const byHeading = new Map<string, Field>();
  for (const f of fields) byHeading.set(f.name, f).set(f.label, f);
  const columns = headings.map((h) => byHeading.get(String(h ?? '').trim()) ?? null);
  const unknown = headings.filter((_, i) => !columns[i]).map((h) => String(h ?? '').trim());
  if (unknown.length) throw new ValidationError('collection.unknown_columns', { columns: unknown.slice(0, 50) });
  const present = new Set(columns.map((f) => f!.name));
  const missing = fields.filter((f) => (f.key || f.required) && !present.has(f.name)).map((f) => f.label);
  if (missing.length) throw new ValidationError('collection.missing_columns', { columns: missing });
  if (present.size !== columns.length) throw new ValidationError('collection.duplicate_columns');
  return columns;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A value as a file gives it (text from CSV, a number or Date from Excel, anything from JSON)
 * turned into its field's type where that is unambiguous; what cannot be turned stays as it was,
 * so the field's rule reports it.
 */
export function coerce(field: Field, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) {
    const iso = value.toISOString();
    return field.type === 'datetime' ? iso : iso.slice(0, 10);
  }
  if (typeof value === 'number') {
    if (['string', 'phone', 'credit_code', 'id_number'].includes(field.type)) return String(value);
    if (field.type === 'boolean') return value === 1 ? true : value === 0 ? false : value;
    return value;
  }
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return undefined;
  switch (field.type) {
    case 'integer':
      return /^-?\d{1,15}$/.test(text) ? Number(text) : text;
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    case 'boolean':
      if (['true', '是', '1', 'Y', 'y'].includes(text)) return true;
      if (['false', '否', '0', 'N', 'n'].includes(text)) return false;
      return text;
    case 'date': {
      const m = /^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})$/.exec(text);
      return m ? `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}` : text;
    }
    case 'datetime': {
      // 2026-11-22 09:30:00 in a department's export means Beijing time
      const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
      return m ? `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}T${pad(Number(m[4]))}:${m[5]}:${m[6] ?? '00'}+08:00` : text;
    }
    case 'id_number':
      return text.toUpperCase();
    case 'credit_code':
      return text.toUpperCase();
    default:
      return text;
  }
}

/** A record keyed by field name: values coerced, empty cells left out, unknown keys kept (their rule names them). */
export function recordOf(fields: Field[], raw: Row): Row {
  const byKey = new Map<string, Field>();
  for (const f of fields) byKey.set(f.name, f).set(f.label, f);
  const record: Row = {};
  for (const [key, value] of Object.entries(raw)) {
    const field = byKey.get(key);
    if (!field) {
      record[key] = value;
      continue;
    }
    const coerced = coerce(field, value);
    if (coerced !== undefined) record[field.name] = coerced;
  }
  return record;
}

/** Peeks at the first bytes: a file must be what its format says (a renamed PDF is not a CSV). */
function checkMagic(format: FileFormat, head: Buffer): void {
  const zip = head.length >= 4 && head.readUInt32BE(0) === 0x504b0304;
  if (format === 'xlsx') {
    if (!zip) throw new ValidationError('collection.not_what_it_claims', { format });
    return;
  }
  const text = head.subarray(0, 4096);
  if (zip || text.includes(0) || text.subarray(0, 4).toString('latin1') === '%PDF')
    throw new ValidationError('collection.not_what_it_claims', { format });
  if (format === 'json') {
    const first = text
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart()[0];
    if (first !== undefined && first !== '[' && first !== '{') throw new ValidationError('collection.not_what_it_claims', { format });
  }
}

/** The stream with its first bytes checked before anything parses it, and put back in front. */
async function checked(format: FileFormat, source: AsyncIterable<Buffer | string>): Promise<AsyncIterable<Buffer>> {
  const iterator = source[Symbol.asyncIterator]();
  let head: Buffer | null = null;
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    if (chunk.length === 0) continue;
    head = chunk;
    break;
  }
  if (!head) throw new ValidationError('collection.empty_file');
  checkMagic(format, head);
  const first = head;
  return (async function* () {
    yield first;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    }
  })();
}

/**
 * The rows of an uploaded file as it streams in, never the whole file in memory: CSV (UTF-8,
 * a BOM allowed), XLSX (the first sheet) or JSON (an array of objects, or one object a line).
 * `onBytes` reports how much was read, for progress.
 */
export async function* fileRows(
  format: FileFormat,
  fields: Field[],
  source: AsyncIterable<Buffer | string>,
  onBytes: (bytes: number) => void = () => {},
): AsyncGenerator<FileRow> {
  let bytes = 0;
  const body = await checked(format, source);
  const counted = (async function* () {
    for await (const chunk of body) {
      bytes += chunk.length;
      onBytes(bytes);
      yield chunk;
    }
  })();
  if (format === 'csv') yield* csvRows(fields, counted);
  else if (format === 'xlsx') yield* xlsxRows(fields, counted);
  else yield* jsonRows(fields, counted);
}

async function* csvRows(fields: Field[], source: AsyncIterable<Buffer>): AsyncGenerator<FileRow> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true });
  const feeding = (async () => {
    try {
      for await (const chunk of source) if (!parser.write(chunk)) await new Promise((resolve) => parser.once('drain', resolve));
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  let columns: (Field | null)[] | null = null;
  let line = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      line += 1;
      if (!columns) {
        columns = headerMap(fields, cells);
        continue;
      }
      const raw: Row = {};
      cells.forEach((cell, i) => {
        const field = columns![i];
        if (field) raw[field.name] = cell;
        else if (cell.trim() !== '') raw[`column_${i + 1}`] = cell;
      });
      yield { row: line, record: recordOf(fields, raw) };
    }
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    const csvError = error as { code?: string; lines?: number; message?: string };
    if (csvError.code?.startsWith('CSV_'))
      throw new ValidationError('collection.bad_file', { format: 'csv', line: csvError.lines ?? line, reason: csvError.code });
    throw error;
  } finally {
    await feeding;
  }
  if (!columns) throw new ValidationError('collection.empty_file');
}

function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('result' in value) return value.result instanceof Object && !(value.result instanceof Date) ? undefined : value.result;
  if ('text' in value) return value.text;
  return undefined;
}

async function* xlsxRows(fields: Field[], source: AsyncIterable<Buffer>): AsyncGenerator<FileRow> {
  const { Readable } = await import('node:stream');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(source) as unknown as Readable, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
  });
  let columns: (Field | null)[] | null = null;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1);
        if (!columns) {
          columns = headerMap(
            fields,
            values.map((v) => String(cellValue(v) ?? '')),
          );
          continue;
        }
        const raw: Row = {};
        values.forEach((v, i) => {
          const value = cellValue(v);
          if (value === undefined) return;
          const field = columns![i];
          if (field) raw[field.name] = value;
          else raw[`column_${i + 1}`] = value;
        });
        if (Object.keys(raw).length) yield { row: row.number, record: recordOf(fields, raw) };
      }
      break; // the first sheet is the data
    }
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new ValidationError('collection.bad_file', { format: 'xlsx', reason: (error as Error).message.slice(0, 200) });
  }
  if (!columns) throw new ValidationError('collection.empty_file');
}

async function* jsonRows(fields: Field[], source: AsyncIterable<Buffer>): AsyncGenerator<FileRow> {
  let shape: 'array' | 'lines' | null = null;
  const pending: unknown[] = [];
  let count = 0;
  let parser: JSONParser | null = null;
  let carry = '';
  const decoder = new TextDecoder('utf-8');
  const take = function* () {
    while (pending.length) {
      const value = pending.shift();
      count += 1;
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        yield { row: count, record: { __value: value } as Row }; // not an object: reported by its rule
      else yield { row: count, record: recordOf(fields, value as Row) };
    }
  };
  try {
    for await (const chunk of source) {
      const text = decoder.decode(chunk, { stream: true });
      if (!shape) {
        const first = text.replace(/^\uFEFF/, '').trimStart()[0];
        if (!first) continue;
        shape = first === '[' ? 'array' : 'lines';
        if (shape === 'array') {
          parser = new JSONParser({ paths: ['$.*'], keepStack: false });
          parser.onValue = ({ value }) => pending.push(value);
        }
      }
      if (parser) parser.write(text.replace(/^\uFEFF/, ''));
      else {
        const lines = (carry + text).split('\n');
        carry = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) pending.push(JSON.parse(line.replace(/^\uFEFF/, '')));
      }
      yield* take();
    }
    if (parser && !parser.isEnded) parser.end();
    else if (carry.trim()) pending.push(JSON.parse(carry));
    yield* take();
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new ValidationError('collection.bad_file', { format: 'json', row: count + 1, reason: (error as Error).message.slice(0, 200) });
  }
  if (!shape) throw new ValidationError('collection.empty_file');
}
