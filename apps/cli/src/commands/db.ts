import { migrateDatabase, readDatabaseMigrationStatus } from "@pedigree/db";
import { resolveDatabaseTarget } from "../env.ts";
import { describeTarget } from "./describe-target.ts";

/** `pedigree db migrate`: applies pending migrations to the configured database. */
export async function migrate(): Promise<void> {
  const target = resolveDatabaseTarget();
  const applied = await migrateDatabase(target);
  console.log(`database: ${describeTarget(target)}`);
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "up to date: nothing to apply");
}

/** `pedigree db status`: where the database is and which migrations are pending. */
export async function status(): Promise<void> {
  const target = resolveDatabaseTarget();
  const { applied, pending } = await readDatabaseMigrationStatus(target);
  console.log(`database: ${describeTarget(target)}`);
  console.log(`applied migrations: ${applied.length}`);
  console.log(pending.length ? `pending: ${pending.join(", ")}` : "pending: none");
  if (pending.length) process.exitCode = 3;
}
