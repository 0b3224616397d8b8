export { findRepoRoot, resolveDataDir } from "./data-dir.ts";
export { classifyDatabaseError, type DatabaseErrorKind } from "./database-error.ts";
export * from "./generated/client.ts";
export {
  findMigrationsDir,
  type Migration,
  type MigrationStatus,
  readMigrationStatus,
  readMigrations,
} from "./migrate.ts";
export {
  type Database,
  type DatabaseTarget,
  migrateDatabase,
  openDatabase,
  readDatabaseMigrationStatus,
} from "./open-database.ts";
export type { SqlRunner } from "./sql-runner.ts";
export { epochMs } from "./sql-time.ts";
export { openTestDatabase } from "./test-database.ts";
