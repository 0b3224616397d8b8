// The bench's accounts and code commits. The admin's password is known (BENCH_USER) so the HTTP
// harness can sign in; its salt comes from the seed, so the row is the same on every run.
import { createHash } from "node:crypto";
import { hashPassword } from "@pedigree/domain/server";
import { BENCH_USER, EPOCH_SQL } from "./config.ts";
import { commitIdSql, commitShaSql, type PartContext } from "./seed-tracking.ts";

export const BENCH_USER_ID = "bench-user-admin";

export async function seedCode({ db, sizes, seed, log }: PartContext): Promise<void> {
  const salt = createHash("sha256").update(`pedigree-bench:${seed}`).digest().subarray(0, 16);
  await db.sql.query(
    `INSERT INTO "User" ("id", "email", "name", "passwordHash", "role", "createdAt")
     VALUES ($1, $2, 'Bench admin', $3, 'ADMIN', ${EPOCH_SQL} - interval '400 days')`,
    [BENCH_USER_ID, BENCH_USER.email, hashPassword(BENCH_USER.password, salt)],
  );
  await db.sql.exec(`
    INSERT INTO "CodeCommit" ("id", "repo", "sha", "message", "author", "committedAt")
    SELECT ${commitIdSql("c")}, 'git@github.com:bench/pipelines.git', ${commitShaSql("c", seed)},
      'change ' || c, 'bench', ${EPOCH_SQL} - interval '400 days' + c * interval '1 hour'
    FROM generate_series(1, ${sizes.commits}) c`);
  log(`  1 admin account (${BENCH_USER.email}), ${sizes.commits} commits`);
}
