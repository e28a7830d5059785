import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';

/**
 * Newest-first pages over rows keyed by (time, id): the cursor is `<ISO time>|<id>` of the
 * last row given. Times are compared at milliseconds — what an ISO cursor carries — so no
 * row falls between two pages.
 */
const timeCursorPattern = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?Z\\|';

export function timeCursorSchema(idPrefix: string) {
  return z
    .string()
    .regex(new RegExp(`^${timeCursorPattern}${idPrefix}_[0-9a-z]{26}$`), 'validation.invalid_cursor')
    .refine((cursor) => !Number.isNaN(Date.parse(cursor.split('|')[0]!)), 'validation.invalid_cursor');
}

/** The order of such pages: `order by ${newestFirst(…)}`. */
export function newestFirst(time: RawBuilder<unknown>, id: RawBuilder<unknown>) {
  return sql`date_trunc('milliseconds', ${time}) desc, ${id} desc`;
}

/** The rows after a cursor, in that order. */
export function afterTimeCursor(cursor: string, time: RawBuilder<unknown>, id: RawBuilder<unknown>) {
  const [at, key] = cursor.split('|');
  return sql`(date_trunc('milliseconds', ${time}), ${id}) < (${at}::timestamptz, ${key})`;
}

export function timeCursorOf(time: string, id: string): string {
  return `${time}|${id}`;
}
