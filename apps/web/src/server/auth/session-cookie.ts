const SESSION_COOKIE = "next-auth.session-token";

/**
 * The app is served over TLS when its public URL is https or the reverse proxy in front of it
 * says so (X-Forwarded-Proto, first hop). A client that sends the header over plain http only
 * gets cookies its own browser will not send back.
 */
export function isServedOverTls(publicUrl: string | undefined, forwardedProto: string | null) {
  const proto = forwardedProto?.split(",")[0]?.trim().toLowerCase();
  return Boolean(publicUrl?.startsWith("https://")) || proto === "https";
}

/**
 * next-auth's session cookie: HttpOnly (no script reads it), SameSite=Lax (other sites' forms
 * and fetches do not carry it), Secure behind TLS. The name stays next-auth's choice from
 * NEXTAUTH_URL (`__Secure-` when https), which getToken in the proxy and the route wrapper read.
 */
export function sessionCookieOf(publicUrl: string | undefined, isTls: boolean) {
  const isHttpsUrl = Boolean(publicUrl?.startsWith("https://"));
  return {
    name: isHttpsUrl ? `__Secure-${SESSION_COOKIE}` : SESSION_COOKIE,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure: isTls },
  };
}
