import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import { getEnv } from "./env.ts";

/**
 * Sends visitors without a valid session cookie to the sign-in page, remembering where they were
 * going. API routes are excluded: they answer 401 JSON themselves (route wrapper), and pages
 * check the user again against the database (a cookie can outlive a disabled account).
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const session = await getToken({ req: request, secret: getEnv().PEDIGREE_AUTH_SECRET });
  if (session) return NextResponse.next();
  const target = new URL("/signin", request.url);
  const { pathname, search } = request.nextUrl;
  target.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(target);
}

export const config = {
  // Everything but API routes (MLflow's /ajax-api, /version and /health included), Next's assets,
  // the icon and the sign-in page itself.
  matcher: ["/((?!api/|ajax-api/|version$|health$|_next/|favicon\\.ico$|icon\\.svg$|signin$).*)"],
};
