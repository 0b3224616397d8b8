// Credentials for the harness: a browser session (next-auth's credentials sign-in, as the sign-in
// form posts it) for the pages, and an API token (POST /api/v1/tokens with HTTP basic, as a
// pipeline gets one) for the API.
import { BENCH_USER } from "./config.ts";

/** name=value pairs of the Set-Cookie headers, merged into `jar`. */
function keepCookies(response: Response, jar: Map<string, string>): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const at = pair?.indexOf("=") ?? -1;
    if (pair && at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
}

const cookieHeader = (jar: Map<string, string>) =>
  [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

/** Signs the bench admin in; answers the Cookie header that carries the session. */
export async function signIn(url: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${url}/api/auth/csrf`);
  keepCookies(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookieHeader(jar),
    },
    body: new URLSearchParams({
      csrfToken,
      email: BENCH_USER.email,
      password: BENCH_USER.password,
      callbackUrl: url,
      json: "true",
    }),
  });
  keepCookies(response, jar);
  if (![...jar.keys()].some((name) => name.endsWith("next-auth.session-token")))
    throw new Error(`sign-in failed (${response.status}): no session cookie`);
  return cookieHeader(jar);
}

/** A fresh API token of the bench admin. */
export async function createToken(url: string): Promise<string> {
  const basic = Buffer.from(`${BENCH_USER.email}:${BENCH_USER.password}`).toString("base64");
  const response = await fetch(`${url}/api/v1/tokens`, {
    method: "POST",
    headers: { authorization: `Basic ${basic}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "bench" }),
  });
  if (response.status !== 201 && response.status !== 200)
    throw new Error(`POST /api/v1/tokens answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
