import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { isLater } from './later.ts';
import { isTransactionStart, isWrite, pendingWorkMark, workMarked } from './request-work.ts';

/** The most statements a connection keeps prepared; past it new texts run unnamed (parsed and planned each time). */
const preparedPerConnection = 2000;

/**
 * Kysely's view of a pg pool, with three savings on the round trips to PostgreSQL:
 *
 * - each query runs as a **named prepared statement** on its connection (name = hash of the
 *   text): PostgreSQL parses and plans a statement once per connection instead of at every
 *   call — a workflow step is ~10 short statements, and their planning was a third of the
 *   server's CPU;
 * - a transaction's **BEGIN travels with its first statement** (one write, one answer): on a
 *   2-core machine each round trip costs a socket write and a wake-up on both sides, and a
 *   workflow step is a handful of them. A transaction that runs nothing sends nothing;
 * - writes made with `later` (kernel/later.ts) wait in the same way and **travel with the
 *   transaction's next statement**: a step's row writes cost no round trip of their own.
 *
 * It also writes a request's work mark (kernel/request-work.ts): with the COMMIT of the
 * request's first transaction, in the same write, or before a write outside a transaction.
 */
export function preparingPool(pool: pg.Pool): PostgresPool {
  const prepared = new WeakMap<object, Set<string>>();
  const shapesOf = new WeakMap<object, Shapes>();
  return {
    options: pool.options,
    async connect() {
      const client = await pool.connect();
      let names = prepared.get(client);
      if (!names) prepared.set(client, (names = new Set()));
      const known = names;
      let shapes = shapesOf.get(client);
      if (!shapes) shapesOf.set(client, (shapes = new Map()));
      const knownShapes = shapes;
      let pendingBegin: string | undefined;
      let held: Statement[] = [];
      let inTransaction = false;
      const nameFor = (text: string): string | undefined => {
        const name = statementName(text);
        if (known.has(name) || known.size < preparedPerConnection) {
          known.add(name);
          return name;
        }
        return undefined;
      };
      /** A statement prepared on this connection already, that can ride ahead of another in its write. */
      const preparedHere = (text: string): string | undefined => {
        const name = statementName(text);
        return known.has(name) && name in (client as unknown as PgClientInternals).connection.parsedStatements ? name : undefined;
      };
      const run = (text: string, values: readonly unknown[], leading: Leading[] = []) =>
        new Promise<unknown>((resolve, reject) =>
          client.query(
            new PreparedQuery(text, values, nameFor(text), leading, knownShapes, (error, result) =>
              error ? reject(error) : resolve(result),
            ),
          ),
        );
      /**
       * Runs `text` after the statements in `ahead`, in order: in one write where each is
       * prepared here; one not yet prepared carries those before it in a write of its own. The
       * first error among them is the answer's.
       */
      const runAfter = (ahead: Statement[], text: string, values: readonly unknown[]) => {
        let leading: Leading[] = [];
        const before: Promise<unknown>[] = [];
        for (const statement of ahead) {
          const name = preparedHere(statement.text);
          if (name) leading.push({ name, values: statement.values });
          else {
            before.push(run(statement.text, statement.values, leading));
            leading = [];
          }
        }
        const last = run(text, values, leading);
        if (!before.length) return last;
        return Promise.allSettled([...before, last]).then((results) => {
          const failed = results.find((r) => r.status === 'rejected');
          if (failed) throw failed.reason;
          return (results.at(-1) as PromiseFulfilledResult<unknown>).value;
        });
      };
      /** A BEGIN Kysely asked for that has not been sent yet, then the writes held since (kernel/later.ts). */
      const takeAhead = (): Statement[] => {
        const ahead = pendingBegin === undefined ? held : [{ text: pendingBegin, values: [] }, ...held];
        pendingBegin = undefined;
        held = [];
        return ahead;
      };
      return {
        query(text: string | object, values: readonly unknown[] = []) {
          if (typeof text !== 'string') {
            // a cursor keeps its portal open across round trips: what waits goes first, on its own
            const ahead = takeAhead();
            const last = ahead.pop();
            if (last) void runAfter(ahead, last.text, last.values).catch(() => undefined); // an error shows on the cursor
            return client.query(text as pg.Submittable);
          }
          if (isTransactionStart(text) && values.length === 0 && !inTransaction) {
            pendingBegin = text;
            inTransaction = true;
            return Promise.resolve({ command: 'BEGIN', rowCount: null, rows: [] });
          }
          if (inTransaction && isLater(text)) {
            held.push({ text, values });
            return Promise.resolve({ command: 'LATER', rowCount: null, rows: [] });
          }
          if (text === 'rollback') {
            inTransaction = false;
            held = []; // never sent: nothing to undo
            if (pendingBegin !== undefined) {
              pendingBegin = undefined; // nothing ran: nothing to end
              return Promise.resolve({ command: 'ROLLBACK', rowCount: null, rows: [] });
            }
            return run(text, values);
          }
          if (text === 'commit') {
            inTransaction = false;
            const nothingRan = pendingBegin !== undefined && !held.length;
            const ahead = takeAhead();
            if (nothingRan) return Promise.resolve({ command: 'COMMIT', rowCount: null, rows: [] });
            const mark = pendingWorkMark();
            if (!mark) return runAfter(ahead, text, values);
            return runAfter([...ahead, mark], text, values).then((result) => {
              workMarked();
              return result;
            });
          }
          const ahead = takeAhead();
          if (ahead.length) return runAfter(ahead, text, values);
          const mark = !inTransaction && isWrite(text) ? pendingWorkMark() : undefined;
          if (mark) {
            // a write that commits on its own: marked just before (a crash between the two
            // leaves a mark without work, which a retry reports rather than repeats)
            return run(mark.text, mark.values).then(() => {
              workMarked();
              return run(text, values);
            });
          }
          return run(text, values);
        },
        release(error?: Error | boolean) {
          pendingBegin = undefined;
          held = [];
          inTransaction = false;
          client.release(error);
        },
      } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

interface Statement {
  text: string;
  values: readonly unknown[];
}

interface Leading {
  name: string;
  values: readonly unknown[];
}

interface PgClientInternals {
  connection: { parsedStatements: Record<string, string> };
}

interface PgConnection {
  bind(config: { statement: string; portal: string; values: unknown[] }): void;
  execute(config: { portal: string }): void;
  parsedStatements: Record<string, string>;
}

/** The columns a prepared statement answers with (`null`: none), learnt from its first run on a connection. */
type Shapes = Map<string, { fields: unknown[] } | null>;

/** pg's conversion of a bound value (numbers, dates, arrays, JSON) to its text form. */
const prepareValue = (pg as unknown as { utils: { prepareValue(value: unknown): unknown } }).utils.prepareValue;

const queryPrototype = pg.Query.prototype as unknown as {
  prepare(connection: PgConnection): void;
  handleCommandComplete(message: unknown, connection: unknown): void;
  handleRowDescription(message: { fields: unknown[] }): void;
  handleDataRow(message: unknown): void;
  handleReadyForQuery(connection: unknown): void;
};

/**
 * A statement, named when it is to be kept prepared. Made from the text (pg copies a config
 * object property by property, a slow path at every query) and named afterwards. Statements
 * in `leading` (prepared on the connection already: a BEGIN, a work mark) are bound and
 * executed first, in the same write and before the same Sync: PostgreSQL answers their
 * CommandCompletes, then the statement's own messages and one ReadyForQuery. If one fails,
 * the rest are skipped and the error is the statement's; a transaction it was in is left
 * failed, and Kysely's ROLLBACK ends it as usual.
 *
 * Once a prepared statement has run on a connection, its columns are known: later runs skip
 * the Describe (PostgreSQL builds and sends no RowDescription, pg parses none) and reuse them.
 * A prepared statement's columns cannot change while it exists — PostgreSQL refuses that
 * ("cached plan must not change result type").
 */
class PreparedQuery extends pg.Query {
  private readonly leading: Leading[];
  private leadingAnswered = 0;
  private readonly shapes: Shapes;
  private describing = false;
  private described = false;

  constructor(
    text: string,
    values: readonly unknown[],
    name: string | undefined,
    leading: Leading[],
    shapes: Shapes,
    callback: (error: Error | undefined, result: unknown) => void,
  ) {
    super(text, values as unknown[], callback);
    const fields = this as unknown as { name?: string; queryMode?: string };
    fields.name = name;
    if (leading.length) fields.queryMode = 'extended'; // never the simple protocol, which would skip prepare()
    this.leading = leading;
    this.shapes = shapes;
  }

  prepare(connection: PgConnection): void {
    let leading: { name: string; values: unknown[] }[];
    try {
      // values converted before anything is written: one that cannot be (a cycle) fails this statement alone
      leading = this.leading.map(({ name, values }) => ({ name, values: values.map((value) => prepareValue(value)) }));
    } catch (error) {
      (connection as unknown as { sync(): void }).sync();
      (this as unknown as { handleError(error: unknown, connection: unknown): void }).handleError(error, connection);
      return;
    }
    for (const { name, values } of leading) {
      connection.bind({ statement: name, portal: '', values });
      connection.execute({ portal: '' });
    }
    const name = (this as unknown as { name?: string }).name;
    const shape = name && name in connection.parsedStatements ? this.shapes.get(name) : undefined;
    if (shape === undefined) {
      this.describing = Boolean(name);
      queryPrototype.prepare.call(this, connection);
      return;
    }
    queryPrototype.prepare.call(this, Object.create(connection, { describe: { value: () => undefined } }) as PgConnection);
    if (shape) queryPrototype.handleRowDescription.call(this, shape); // before any row can arrive
  }

  handleRowDescription(message: { fields: unknown[] }): void {
    if (this.describing) {
      this.described = true;
      this.shapes.set((this as unknown as { name: string }).name, { fields: message.fields });
    }
    queryPrototype.handleRowDescription.call(this, message);
  }

  handleReadyForQuery(connection: unknown): void {
    // described and answered without columns (an insert, an update): none to expect next time
    if (this.describing && !this.described && !(this as unknown as { _canceledDueToError: unknown })._canceledDueToError)
      this.shapes.set((this as unknown as { name: string }).name, null);
    queryPrototype.handleReadyForQuery.call(this, connection);
  }

  handleDataRow(message: unknown): void {
    if (this.leadingAnswered < this.leading.length) return; // a leading statement returns no rows of this one's
    queryPrototype.handleDataRow.call(this, message);
  }

  handleCommandComplete(message: unknown, connection: unknown): void {
    if (this.leadingAnswered < this.leading.length) {
      this.leadingAnswered++; // a leading statement's own completion, not this statement's result
      return;
    }
    queryPrototype.handleCommandComplete.call(this, message, connection);
  }
}

const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `z${createHash('sha1').update(text).digest('base64url')}`;
    if (statementNames.size < 10_000) statementNames.set(text, name);
  }
  return name;
}
