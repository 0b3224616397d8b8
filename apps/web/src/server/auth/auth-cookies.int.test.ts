// The cookies a sign-in sets, as next-auth writes them with our options: next-auth's own handler
// (its pages-router form: the app-router form needs Next's request scope), answering into a
// recorder instead of a Node response.
import NextAuth from "next-auth";
import { describe, expect, it } from "vitest";
import { createTestUser, setUpTestDatabase, TEST_PASSWORD } from "../testing.ts";
import { getAuthOptions } from "./auth-options.ts";

const db = setUpTestDatabase();

interface Recorded {
  status: number;
  setCookie: string[];
  body: unknown;
}

async function callNextAuth(
  action: string[],
  headers: Record<string, string>,
  options: { method?: "GET" | "POST"; cookies?: Record<string, string>; body?: object } = {},
): Promise<Recorded> {
  const recorded: Recorded = { status: 200, setCookie: [], body: undefined };
  const response = {
    status(code: number) {
      recorded.status = code;
      return response;
    },
    setHeader(key: string, value: unknown) {
      if (key.toLowerCase() === "set-cookie") recorded.setCookie = [value].flat().map(String);
      return response;
    },
    getHeader: (key: string) =>
      key.toLowerCase() === "set-cookie" ? recorded.setCookie : undefined,
    end: () => response,
    json(body: unknown) {
      recorded.body = body;
      return response;
    },
    send(body: unknown) {
      recorded.body = body;
      return response;
    },
  };
  const request = {
    query: { nextauth: action },
    method: options.method ?? "GET",
    headers: { host: "pedigree.example.org", ...headers },
    cookies: options.cookies ?? {},
    body: options.body,
  };
  await NextAuth(request as never, response as never, getAuthOptions(new Headers(headers)));
  return recorded;
}

/** Signs in with email and password; answers the session cookie's Set-Cookie line. */
async function signIn(headers: Record<string, string>): Promise<string | undefined> {
  const user = await createTestUser(db());
  const csrf = await callNextAuth(["csrf"], headers);
  const csrfCookie = csrf.setCookie[0]?.split(";")[0] ?? "";
  const [name = "", value = ""] = csrfCookie.split("=");
  const signedIn = await callNextAuth(["callback", "credentials"], headers, {
    method: "POST",
    cookies: { [name]: decodeURIComponent(value) },
    body: {
      csrfToken: (csrf.body as { csrfToken: string }).csrfToken,
      email: user.email,
      password: TEST_PASSWORD,
      json: "true",
    },
  });
  return signedIn.setCookie.find((line) => line.startsWith("next-auth.session-token="));
}

describe("session cookies", () => {
  it("are HttpOnly and SameSite=Lax, and not Secure over plain http", async () => {
    const cookie = await signIn({ "x-forwarded-for": "192.0.2.10" });
    expect(cookie).toBeDefined();
    const attributes = cookie?.split("; ").slice(1) ?? [];
    expect(attributes).toContain("HttpOnly");
    expect(attributes).toContain("SameSite=Lax");
    expect(attributes).not.toContain("Secure");
  });

  it("are Secure behind a proxy that terminates TLS (X-Forwarded-Proto: https)", async () => {
    const cookie = await signIn({ "x-forwarded-for": "192.0.2.11", "x-forwarded-proto": "https" });
    const attributes = cookie?.split("; ").slice(1) ?? [];
    expect(attributes).toEqual(expect.arrayContaining(["HttpOnly", "SameSite=Lax", "Secure"]));
  });
});
