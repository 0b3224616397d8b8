// For integration tests only: a real test database (openTestDatabase) behind the app's db
// singleton, and rows made through Prisma. ("server-only" is aliased away in vitest.config.ts.)
import { randomBytes } from "node:crypto";
import { type Database, openTestDatabase } from "@pedigree/db";
import type { Role } from "@pedigree/domain";
import {
  displayApiTokenPrefix,
  formatApiToken,
  hashApiToken,
  hashPassword,
} from "@pedigree/domain/server";
import { afterAll, beforeAll, vi } from "vitest";
import { setDatabaseForTests } from "./db.ts";

export const TEST_AUTH_SECRET = "test-secret-that-is-at-least-32-characters-long";
export const TEST_PASSWORD = "correct horse battery staple";

/** Opens a test database for the file and installs it as the app's database. */
export function setUpTestDatabase(): () => Database {
  let db: Database | undefined;
  beforeAll(async () => {
    vi.stubEnv("PEDIGREE_AUTH_SECRET", TEST_AUTH_SECRET);
    vi.stubEnv("PEDIGREE_LOG_LEVEL", "error");
    db = await openTestDatabase();
    setDatabaseForTests(db);
  });
  afterAll(async () => {
    setDatabaseForTests(null);
    await db?.close();
    vi.unstubAllEnvs();
  });
  return () => {
    if (!db) throw new Error("the test database is opened in beforeAll");
    return db;
  };
}

let counter = 0;

export async function createTestUser(
  db: Database,
  options: { role?: Role; disabled?: boolean; email?: string } = {},
) {
  counter += 1;
  const email = options.email ?? `user${counter}-${randomBytes(3).toString("hex")}@example.com`;
  return db.prisma.user.create({
    data: {
      email,
      name: `Test user ${counter}`,
      role: options.role ?? "VIEWER",
      passwordHash: hashPassword(TEST_PASSWORD, randomBytes(16)),
      disabledAt: options.disabled ? new Date() : null,
    },
  });
}

/** Writes a token row directly; returns its id and secret. */
export async function createTestToken(
  db: Database,
  userId: string,
  options: { revokedAt?: Date; expiresAt?: Date } = {},
) {
  const token = formatApiToken(randomBytes(32));
  const row = await db.prisma.apiToken.create({
    data: {
      userId,
      name: "test token",
      tokenHash: hashApiToken(token),
      prefix: displayApiTokenPrefix(token),
      revokedAt: options.revokedAt ?? null,
      expiresAt: options.expiresAt ?? null,
    },
  });
  return { id: row.id, token };
}

export function bearer(token: string): HeadersInit {
  return { authorization: `Bearer ${token}` };
}

/** The context Next passes to a route handler. */
export function routeContext(params: Record<string, string> = {}) {
  return { params: Promise.resolve(params) };
}
