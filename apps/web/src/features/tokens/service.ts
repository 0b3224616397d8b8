import "server-only";
import { randomBytes } from "node:crypto";
import type { Database } from "@pedigree/db";
import type { Role } from "@pedigree/domain";
import { displayApiTokenPrefix, formatApiToken, hashApiToken } from "@pedigree/domain/server";
import { AppError } from "../../server/errors.ts";
import type { CreatedToken, TokenSummary } from "./types.ts";

const summaryColumns = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
} as const;

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

function toSummary(row: TokenRow): TokenSummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Creates a token for the user; only its hash and display prefix are stored. */
export async function createToken(
  db: Database,
  userId: string,
  name: string,
): Promise<CreatedToken> {
  const token = formatApiToken(randomBytes(32));
  const row = await db.prisma.apiToken.create({
    data: { userId, name, tokenHash: hashApiToken(token), prefix: displayApiTokenPrefix(token) },
    select: { id: true, name: true },
  });
  return { id: row.id, name: row.name, token };
}

/** The user's tokens, newest first, revoked ones included (they explain a pipeline's 401). */
export async function listTokens(db: Database, userId: string): Promise<TokenSummary[]> {
  const rows = await db.prisma.apiToken.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: summaryColumns,
  });
  return rows.map(toSummary);
}

/**
 * Revokes a token: one's own, or anyone's for an admin. Someone else's token answers NOT_FOUND,
 * not FORBIDDEN, so that token ids do not reveal that they exist. Revoking twice keeps the first
 * revocation time.
 */
export async function revokeToken(
  db: Database,
  actor: { id: string; role: Role },
  tokenId: string,
  now: Date = new Date(),
): Promise<TokenSummary> {
  const token = await db.prisma.apiToken.findUnique({
    where: { id: tokenId },
    select: { ...summaryColumns, userId: true },
  });
  if (!token || (token.userId !== actor.id && actor.role !== "ADMIN")) {
    throw new AppError("NOT_FOUND", `No token with id ${tokenId}`);
  }
  if (token.revokedAt) return toSummary(token);
  const revoked = await db.prisma.apiToken.update({
    where: { id: tokenId },
    data: { revokedAt: now },
    select: summaryColumns,
  });
  return toSummary(revoked);
}
