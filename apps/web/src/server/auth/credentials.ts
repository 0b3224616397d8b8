import "server-only";
import { randomBytes } from "node:crypto";
import type { Database } from "@pedigree/db";
import {
  DEFAULT_SIGN_IN_THROTTLE,
  decideSignInThrottle,
  err,
  ok,
  type Result,
} from "@pedigree/domain";
import { hashPassword, verifyPassword } from "@pedigree/domain/server";
import type { ActiveUser } from "./principal.ts";

type CredentialsRejection =
  | { reason: "WRONG_CREDENTIALS" | "ACCOUNT_DISABLED" }
  | { reason: "THROTTLED"; retryAfterSeconds: number };

/** Where an attempt comes from, and when: the throttle counts failures per account and address. */
export interface AttemptContext {
  address: string;
  now: Date;
}

const userColumns = { id: true, email: true, name: true, role: true, disabledAt: true } as const;

// Checked against when the email is unknown, so that an unknown email costs as much time as a
// wrong password and response times do not reveal which emails have accounts.
let decoyHash: string | undefined;

/**
 * Checks an email and password (the sign-in form, and HTTP Basic as MLflow clients send it).
 * Throttled attempts are refused before the password is checked, so guessing costs no scrypt.
 */
export async function verifyCredentials(
  db: Database,
  email: string,
  password: string,
  attempt: AttemptContext,
): Promise<Result<ActiveUser, CredentialsRejection>> {
  const account = email.trim().toLowerCase();
  const throttle = decideSignInThrottle({
    ...(await readRecentFailures(db, account, attempt)),
    now: attempt.now,
  });
  if (!throttle.allowed) {
    return err({ reason: "THROTTLED", retryAfterSeconds: throttle.retryAfterSeconds });
  }
  const user = await db.prisma.user.findFirst({
    where: { email: { equals: account, mode: "insensitive" } },
    select: { ...userColumns, passwordHash: true },
  });
  if (!user) {
    decoyHash ??= hashPassword("decoy", randomBytes(16));
    verifyPassword(password, decoyHash);
  }
  if (!user || !verifyPassword(password, user.passwordHash)) {
    await db.prisma.signInFailure.create({
      data: { email: account, address: attempt.address, at: attempt.now },
    });
    return err({ reason: "WRONG_CREDENTIALS" });
  }
  await db.prisma.signInFailure.deleteMany({ where: { email: account } });
  if (user.disabledAt) return err({ reason: "ACCOUNT_DISABLED" });
  return ok({ id: user.id, email: user.email, name: user.name, role: user.role });
}

async function readRecentFailures(db: Database, account: string, attempt: AttemptContext) {
  const since = new Date(attempt.now.getTime() - DEFAULT_SIGN_IN_THROTTLE.windowMs);
  // Failures past the window no longer count; forgetting them keeps the table small.
  await db.prisma.signInFailure.deleteMany({ where: { at: { lt: since } } });
  const read = (where: { email: string } | { address: string }, take: number) =>
    db.prisma.signInFailure.findMany({
      where: { ...where, at: { gte: since } },
      orderBy: { at: "desc" },
      take,
      select: { at: true },
    });
  const [byAccount, byAddress] = await Promise.all([
    read({ email: account }, DEFAULT_SIGN_IN_THROTTLE.maxFailuresPerAccount),
    read({ address: attempt.address }, DEFAULT_SIGN_IN_THROTTLE.maxFailuresPerAddress),
  ]);
  return {
    accountFailures: byAccount.map((row) => row.at),
    addressFailures: byAddress.map((row) => row.at),
  };
}

/** The user behind a session, if they still exist and are enabled. */
export async function findActiveUser(db: Database, id: string): Promise<ActiveUser | null> {
  const user = await db.prisma.user.findUnique({ where: { id }, select: userColumns });
  if (!user || user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
