import "server-only";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { getDatabase } from "../db.ts";
import { getAuthOptions } from "./auth-options.ts";
import { findActiveUser } from "./credentials.ts";
import type { ActiveUser } from "./principal.ts";

/**
 * The signed-in user for server components, re-read from the database (a disabled user or a
 * changed role takes effect at once). Cached per request: the layout and the page both ask.
 */
export const getCurrentUser = cache(async (): Promise<ActiveUser | null> => {
  // A signed-in page is never prerendered at build time (no secret, no database, no visitor).
  await connection();
  const session = await getServerSession(getAuthOptions());
  if (!session?.user?.id) return null;
  return findActiveUser(await getDatabase(), session.user.id);
});

/** For pages: the proxy already redirects visitors without a session; this also catches
 *  sessions of users who were disabled or deleted since they signed in. */
export async function requireCurrentUser(): Promise<ActiveUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  return user;
}
