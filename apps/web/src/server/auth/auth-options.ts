import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "../../env.ts";
import {
  ACCOUNT_DISABLED_ERROR,
  TOO_MANY_ATTEMPTS_ERROR,
} from "../../features/auth/sign-in-errors.ts";
import { getDatabase } from "../db.ts";
import { logger } from "../logger.ts";
import { readClientAddress } from "./client-address.ts";
import { verifyCredentials } from "./credentials.ts";
import { isServedOverTls, sessionCookieOf } from "./session-cookie.ts";

const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * Built on demand: the secret comes from the environment, which is read at run time only. The
 * request's headers say whether it came over TLS (cookies are then Secure); without them (server
 * components only read the session) the public URL decides.
 */
export function getAuthOptions(headers?: Headers): NextAuthOptions {
  const env = getEnv();
  const isTls = isServedOverTls(env.NEXTAUTH_URL, headers?.get("x-forwarded-proto") ?? null);
  return {
    secret: env.PEDIGREE_AUTH_SECRET,
    // Every next-auth cookie Secure behind TLS; the session cookie's name never changes with it.
    useSecureCookies: isTls,
    cookies: { sessionToken: sessionCookieOf(env.NEXTAUTH_URL, isTls) },
    // JWT sessions: no session table, and the API re-reads the user on every request anyway.
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, request) {
          const email = credentials?.email ?? "";
          const password = credentials?.password ?? "";
          if (!email || !password) return null;
          const forwardedFor: unknown = request.headers?.["x-forwarded-for"];
          const address = readClientAddress(typeof forwardedFor === "string" ? forwardedFor : null);
          const result = await verifyCredentials(await getDatabase(), email, password, {
            address,
            now: new Date(),
          });
          if (result.ok) return result.value;
          if (result.error.reason === "ACCOUNT_DISABLED") throw new Error(ACCOUNT_DISABLED_ERROR);
          if (result.error.reason === "THROTTLED") throw new Error(TOO_MANY_ATTEMPTS_ERROR);
          return null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        // `user` is present only on sign-in; later calls keep what the token already holds.
        if (user) token.role = user.role;
        return token;
      },
      session({ session, token }) {
        if (token.sub && token.role) {
          session.user = {
            ...session.user,
            id: token.sub,
            email: token.email ?? "",
            role: token.role,
          };
        }
        return session;
      },
    },
    logger: {
      error: (code, metadata) => logger.error("next-auth error", { code, metadata }),
      warn: (code) => logger.warn("next-auth warning", { code }),
      debug: (code, metadata) => logger.debug("next-auth debug", { code, metadata }),
    },
  };
}
