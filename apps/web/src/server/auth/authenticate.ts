import "server-only";
import type { Database } from "@pedigree/db";
import { hashApiToken, isApiTokenFormat } from "@pedigree/domain/server";
import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { getEnv } from "../../env.ts";
import { AppError } from "../errors.ts";
import { parseAuthorizationHeader } from "./authorization-header.ts";
import { readClientAddress } from "./client-address.ts";
import { findActiveUser, verifyCredentials } from "./credentials.ts";
import type { CredentialKind, Principal } from "./principal.ts";

/** lastUsedAt is written at most once a minute per token: a write per request would be waste. */
const LAST_USED_RESOLUTION_MS = 60_000;

const unauthenticated = (message: string) => new AppError("UNAUTHENTICATED", message);

/**
 * Finds the caller: `Authorization: Bearer <token>`, HTTP Basic (email and password, or any user
 * name with an API token as the password, for clients that only speak Basic), else the session
 * cookie. Throws UNAUTHENTICATED when none is valid or the route does not accept the kind given.
 */
export async function authenticate(
  request: NextRequest,
  db: Database,
  accepted: readonly CredentialKind[],
  now: Date = new Date(),
): Promise<Principal> {
  const header = parseAuthorizationHeader(request.headers.get("authorization"));
  const requireAccepted = (kind: CredentialKind) => {
    if (!accepted.includes(kind)) {
      throw unauthenticated(
        `This route does not accept ${describe(kind)}; use ${accepted.map(describe).join(" or ")}`,
      );
    }
  };
  switch (header.kind) {
    case "invalid":
      throw unauthenticated(header.reason);
    case "bearer":
      requireAccepted("token");
      return authenticateToken(db, header.token, now);
    case "basic": {
      // A browser replays Basic credentials typed into its own prompt, like a cookie.
      refuseCrossSiteWrite(request);
      if (isApiTokenFormat(header.password)) {
        requireAccepted("token");
        return authenticateToken(db, header.password, now);
      }
      requireAccepted("basic");
      const result = await verifyCredentials(db, header.username, header.password, {
        address: readClientAddress(request.headers.get("x-forwarded-for")),
        now,
      });
      if (!result.ok) {
        const { error } = result;
        if (error.reason === "THROTTLED") {
          throw new AppError("RATE_LIMITED", "Too many failed sign-ins; try again later", {
            retryAfterSeconds: error.retryAfterSeconds,
          });
        }
        throw unauthenticated(
          error.reason === "ACCOUNT_DISABLED"
            ? "This account is disabled"
            : "Wrong email or password",
        );
      }
      return { ...result.value, via: "basic", tokenId: null };
    }
    case "none": {
      const claims = await getToken({ req: request, secret: getEnv().PEDIGREE_AUTH_SECRET });
      if (!claims?.sub || !accepted.includes("session")) {
        throw unauthenticated(`Authentication required: ${accepted.map(describe).join(" or ")}`);
      }
      refuseCrossSiteWrite(request);
      const user = await findActiveUser(db, claims.sub);
      if (!user) throw unauthenticated("Your session has ended; sign in again");
      return { ...user, via: "session", tokenId: null };
    }
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A browser sends the session cookie with requests that other sites start; SameSite=Lax stops
 * other sites but not sibling subdomains. It also replays HTTP Basic credentials once a user has
 * typed them into its prompt (the MLflow routes ask with WWW-Authenticate). Writes that rely on
 * either must come from our own pages: browsers say so in Sec-Fetch-Site, older ones in Origin;
 * pipelines send neither. A bearer token is never attached by a browser and needs no check.
 */
function refuseCrossSiteWrite(request: NextRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const isCrossSite =
    (site !== null && site !== "same-origin") ||
    (origin !== null && host !== null && hostOf(origin) !== host);
  if (isCrossSite) throw new AppError("FORBIDDEN", "Cross-site request refused");
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

function describe(kind: CredentialKind): string {
  if (kind === "session") return "a signed-in session";
  if (kind === "token") return "an API token (Authorization: Bearer pdg_...)";
  return "email and password (HTTP Basic)";
}

interface TokenRow {
  id: string;
  isUsable: boolean;
  isStale: boolean;
  userId: string;
  email: string;
  name: string;
  role: Principal["role"];
}

/**
 * Every pipeline request passes here, so it is one SQL statement rather than a Prisma query
 * (whose compilation cost more than the lookup). Times are compared in SQL, against `now` as
 * epoch milliseconds: a timestamp without time zone would otherwise be read in the process's zone.
 */
async function authenticateToken(db: Database, token: string, now: Date): Promise<Principal> {
  const invalid = unauthenticated("Invalid, expired or revoked API token");
  if (!isApiTokenFormat(token)) throw invalid;
  const [row] = await db.sql.query<TokenRow>(
    `WITH now AS (SELECT to_timestamp($2::float8 / 1000) AT TIME ZONE 'UTC' AS at)
     SELECT t."id", u."id" AS "userId", u."email", u."name", u."role"::text AS "role",
       (t."revokedAt" IS NULL AND (t."expiresAt" IS NULL OR t."expiresAt" > now.at)
         AND u."disabledAt" IS NULL) AS "isUsable",
       (t."lastUsedAt" IS NULL OR t."lastUsedAt" < now.at - make_interval(secs => $3::float8 / 1000))
         AS "isStale"
     FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId" CROSS JOIN now
     WHERE t."tokenHash" = $1`,
    [hashApiToken(token), now.getTime(), LAST_USED_RESOLUTION_MS],
  );
  if (!row?.isUsable) throw invalid;
  if (row.isStale) {
    const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    // updateMany with the same condition: two concurrent requests write once between them.
    await db.prisma.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] },
      data: { lastUsedAt: now },
    });
  }
  return {
    id: row.userId,
    email: row.email,
    name: row.name,
    role: row.role,
    via: "token",
    tokenId: row.id,
  };
}
