import type { PGlite, Transaction } from "@electric-sql/pglite";
import type pg from "pg";

/** The little SQL that Pedigree runs outside Prisma: migrations, the health probe, bulk loads. */
export interface SqlRunner {
  /** Runs a script of one or more statements, without parameters. */
  exec(script: string): Promise<void>;
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs `work` in one transaction on one connection: committed if it resolves, else rolled back. */
  transaction<T>(work: (sql: SqlRunner) => Promise<T>): Promise<T>;
}

export function createPgliteRunner(client: PGlite | Transaction): SqlRunner {
  return {
    exec: async (script) => {
      await client.exec(script);
    },
    query: async <Row>(sql: string, params: unknown[] = []) =>
      (await client.query<Row>(sql, params)).rows,
    transaction: (work) => {
      if (!("transaction" in client)) return work(createPgliteRunner(client));
      return client.transaction((tx) => work(createPgliteRunner(tx)));
    },
  };
}

/** A pool runs each call on any connection: give a client where statements must share one. */
export function createPgRunner(pool: pg.Pool | pg.ClientBase): SqlRunner {
  return {
    exec: async (script) => {
      await pool.query(script);
    },
    query: async <Row>(sql: string, params: unknown[] = []) =>
      (await pool.query(sql, params)).rows as Row[],
    transaction: async (work) => {
      // A client (already one connection) nests: the caller owns its transaction.
      if (!("totalCount" in pool)) return work(createPgRunner(pool));
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const result = await work(createPgRunner(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        // A connection that cannot even roll back is dropped rather than handed out again.
        await client.query("ROLLBACK").catch((rollback: Error) => {
          broken = rollback;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
  };
}
