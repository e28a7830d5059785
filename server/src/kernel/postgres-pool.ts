import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';

/** The most statements a connection keeps prepared; past it new texts run unnamed (parsed and planned each time). */
const preparedPerConnection = 2000;

/**
 * Kysely's view of a pg pool, with two savings on every round trip to PostgreSQL:
 *
 * - each query runs as a **named prepared statement** on its connection (name = hash of the
 *   text): PostgreSQL parses and plans a statement once per connection instead of at every
 *   call — a workflow step is ~10 short statements, and their planning was a third of the
 *   server's CPU;
 * - a transaction's **BEGIN travels with its first statement** (one write, one answer): on a
 *   2-core machine each round trip costs a socket write and a wake-up on both sides, and a
 *   workflow step is a handful of them. A transaction that runs nothing sends nothing.
 */
export function preparingPool(pool: pg.Pool): PostgresPool {
  const prepared = new WeakMap<object, Set<string>>();
  return {
    options: pool.options,
    async connect() {
      const client = await pool.connect();
      let names = prepared.get(client);
      if (!names) prepared.set(client, (names = new Set()));
      const known = names;
      /** A BEGIN Kysely asked for that has not been sent yet. */
      let pendingBegin: string | undefined;
      const nameFor = (text: string): string | undefined => {
        const name = statementName(text);
        if (known.has(name) || known.size < preparedPerConnection) {
          known.add(name);
          return name;
        }
        return undefined;
      };
      const run = (text: string, values: readonly unknown[], beginName?: string) =>
        new Promise((resolve, reject) =>
          client.query(
            new PreparedQuery(text, values, nameFor(text), beginName, (error, result) => (error ? reject(error) : resolve(result))),
          ),
        );
      const sendBeginAlone = () => void run(takeBegin(), []).catch(() => undefined); // its error shows on the next statement
      return {
        query(text: string | object, values: readonly unknown[] = []) {
          if (typeof text !== 'string') {
            // a cursor keeps its portal open across round trips: the BEGIN goes first, on its own
            if (pendingBegin !== undefined) sendBeginAlone();
            return client.query(text as pg.Submittable);
          }
          if (/^(begin|start transaction\b.*)$/i.test(text) && values.length === 0 && pendingBegin === undefined) {
            pendingBegin = text;
            return Promise.resolve({ command: 'BEGIN', rowCount: null, rows: [] });
          }
          if (pendingBegin !== undefined && (text === 'commit' || text === 'rollback')) {
            pendingBegin = undefined; // nothing ran: nothing to end
            return Promise.resolve({ command: text.toUpperCase(), rowCount: null, rows: [] });
          }
          if (pendingBegin === undefined) return run(text, values);
          // The BEGIN rides along once this connection has it prepared (no Parse of its own,
          // whose answer pg would credit to the statement); the first time it goes alone.
          const beginName = statementName(pendingBegin);
          if (!known.has(beginName) || !(beginName in (client as unknown as PgClientInternals).connection.parsedStatements)) {
            sendBeginAlone();
            return run(text, values);
          }
          pendingBegin = undefined;
          return run(text, values, beginName);
        },
        release(error?: Error | boolean) {
          pendingBegin = undefined;
          client.release(error);
        },
      } as unknown as PostgresPoolClient;

      function takeBegin(): string {
        const text = pendingBegin!;
        pendingBegin = undefined;
        return text;
      }
    },
    end: () => pool.end(),
  };
}

interface PgClientInternals {
  connection: { parsedStatements: Record<string, string> };
}

interface PgConnection {
  bind(config: { statement: string; portal: string; values: unknown[] }): void;
  execute(config: { portal: string }): void;
}

const queryPrototype = pg.Query.prototype as unknown as {
  prepare(connection: PgConnection): void;
  handleCommandComplete(message: unknown, connection: unknown): void;
};

/**
 * A statement, named when it is to be kept prepared. Made from the text (pg copies a config
 * object property by property, a slow path at every query) and named afterwards. With
 * `beginName`, it first binds and executes the connection's prepared BEGIN in the same write
 * and before the same Sync: PostgreSQL answers BEGIN's CommandComplete, then the statement's
 * own messages and one ReadyForQuery. If the statement fails, the transaction is open and
 * failed, and Kysely's ROLLBACK ends it as usual.
 */
class PreparedQuery extends pg.Query {
  private readonly beginName: string | undefined;
  private beginAnswered = false;

  constructor(
    text: string,
    values: readonly unknown[],
    name: string | undefined,
    beginName: string | undefined,
    callback: (error: Error | undefined, result: unknown) => void,
  ) {
    super(text, values as unknown[], callback);
    const fields = this as unknown as { name?: string; queryMode?: string };
    fields.name = name;
    if (beginName) fields.queryMode = 'extended'; // never the simple protocol, which would skip prepare()
    this.beginName = beginName;
    this.beginAnswered = !beginName;
  }

  prepare(connection: PgConnection): void {
    if (this.beginName) {
      connection.bind({ statement: this.beginName, portal: '', values: [] });
      connection.execute({ portal: '' });
    }
    queryPrototype.prepare.call(this, connection);
  }

  handleCommandComplete(message: unknown, connection: unknown): void {
    if (!this.beginAnswered) {
      this.beginAnswered = true; // BEGIN's own completion, not the statement's result
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
