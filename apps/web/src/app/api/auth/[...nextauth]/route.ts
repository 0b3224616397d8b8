import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { getAuthOptions } from "../../../../server/auth/auth-options.ts";

// next-auth's own routes (sign-in callback, session, CSRF, sign-out). The options are built per
// request because the secret is read from the environment at run time, not at build time.
interface NextAuthContext {
  params: Promise<{ nextauth: string[] }>;
}

async function handle(request: NextRequest, context: NextAuthContext): Promise<Response> {
  return NextAuth(request, context, getAuthOptions(request.headers));
}

export { handle as GET, handle as POST };
