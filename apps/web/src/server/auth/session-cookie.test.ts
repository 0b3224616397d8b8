import { describe, expect, it } from "vitest";
import { isServedOverTls, sessionCookieOf } from "./session-cookie.ts";

describe("the session cookie", () => {
  it("is Secure when the public URL is https or the proxy forwarded https", () => {
    expect(isServedOverTls("https://pedigree.example.org", null)).toBe(true);
    expect(isServedOverTls("http://localhost:3000", "https")).toBe(true);
    expect(isServedOverTls(undefined, "HTTPS, http")).toBe(true);
    expect(isServedOverTls("http://localhost:3000", "http")).toBe(false);
    expect(isServedOverTls(undefined, null)).toBe(false);
  });

  it("is HttpOnly and SameSite=Lax always, named __Secure- only for an https public URL", () => {
    expect(sessionCookieOf("https://pedigree.example.org", true)).toEqual({
      name: "__Secure-next-auth.session-token",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
    });
    expect(sessionCookieOf(undefined, true)).toEqual({
      name: "next-auth.session-token",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
    });
    expect(sessionCookieOf(undefined, false).options.secure).toBe(false);
  });
});
