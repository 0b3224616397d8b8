import "server-only";
import { randomBytes } from "node:crypto";
import type { Database } from "@pedigree/db";
import { err, ok, type Result } from "@pedigree/domain";
import { hashPassword, verifyPassword } from "@pedigree/domain/server";
import type { ActiveUser } from "./principal.ts";

type CredentialsRejection = "WRONG_CREDENTIALS" | "ACCOUNT_DISABLED";

const userColumns = { id: true, email: true, name: true, role: true, disabledAt: true } as const;

// Checked against when the email is unknown, so that an unknown email costs as much time as a
// wrong password and response times do not reveal which emails have accounts.
let decoyHash: string | undefined;

/** Checks an email and password (the sign-in form, and HTTP Basic as MLflow clients send it). */
export async function verifyCredentials(
  db: Database,
  email: string,
  password: string,
): Promise<Result<ActiveUser, CredentialsRejection>> {
  const user = await db.prisma.user.findFirst({
    where: { email: { equals: email.trim(), mode: "insensitive" } },
    select: { ...userColumns, passwordHash: true },
  });
  if (!user) {
    decoyHash ??= hashPassword("decoy", randomBytes(16));
    verifyPassword(password, decoyHash);
    return err("WRONG_CREDENTIALS");
  }
  if (!verifyPassword(password, user.passwordHash)) return err("WRONG_CREDENTIALS");
  if (user.disabledAt) return err("ACCOUNT_DISABLED");
  return ok({ id: user.id, email: user.email, name: user.name, role: user.role });
}

/** The user behind a session, if they still exist and are enabled. */
export async function findActiveUser(db: Database, id: string): Promise<ActiveUser | null> {
  const user = await db.prisma.user.findUnique({ where: { id }, select: userColumns });
  if (!user || user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
