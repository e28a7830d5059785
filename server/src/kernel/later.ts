import { sql, type RawBuilder } from 'kysely';

const mark = '/*later*/ ';

/**
 * A write inside a transaction whose answer nobody reads: on a PostgreSQL server it is held
 * and sent in the same write as the transaction's next statement (or its COMMIT), so a
 * workflow step that writes five rows pays one round trip for them instead of five. Order is
 * kept — whatever the transaction runs next sees it. Two rules for the caller: it must return
 * no rows and its row count is not known (`numAffectedRows` is undefined); and an error it
 * raises is raised by the statement that carried it, so no code may wait for this one to
 * catch its error. Outside a transaction, and on PGlite, it runs at once.
 */
export function later(statement: RawBuilder<unknown>): RawBuilder<never> {
  return sql<never>`${sql.raw(mark)}${statement}`;
}

/** Whether a statement's text was made by `later`. */
export function isLater(text: string): boolean {
  return text.startsWith(mark);
}

/** The statement's text without `later`'s mark (to tell what kind of statement it is). */
export function withoutLaterMark(text: string): string {
  return isLater(text) ? text.slice(mark.length) : text;
}
