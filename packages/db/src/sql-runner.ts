import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

/** The little SQL that Pedigree runs outside Prisma: migrations, the health probe, bulk loads. */
export interface SqlRunner {
  /** Runs a script of one or more statements, without parameters. */
  exec(script: string): Promise<void>;
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
}

export function createPgliteRunner(client: PGlite): SqlRunner {
  return {
    exec: async (script) => {
      await client.exec(script);
    },
    query: async <Row>(sql: string, params: unknown[] = []) =>
      (await client.query<Row>(sql, params)).rows,
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
  };
}
