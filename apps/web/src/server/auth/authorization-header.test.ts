import { describe, expect, it } from "vitest";
import { formatBasicAuthorization, parseAuthorizationHeader } from "./authorization-header.ts";

describe("parseAuthorizationHeader", () => {
  it("reads nothing from an absent or blank header", () => {
    expect(parseAuthorizationHeader(null)).toEqual({ kind: "none" });
    expect(parseAuthorizationHeader("   ")).toEqual({ kind: "none" });
  });

  it("reads bearer tokens, whatever the scheme's case", () => {
    expect(parseAuthorizationHeader("Bearer pdg_abc")).toEqual({
      kind: "bearer",
      token: "pdg_abc",
    });
    expect(parseAuthorizationHeader("bearer   pdg_abc ")).toEqual({
      kind: "bearer",
      token: "pdg_abc",
    });
  });

  it("reads basic credentials, with colons in the password and non-ASCII", () => {
    expect(parseAuthorizationHeader(formatBasicAuthorization("ana@example.com", "a:b:ç"))).toEqual({
      kind: "basic",
      username: "ana@example.com",
      password: "a:b:ç",
    });
    expect(parseAuthorizationHeader(formatBasicAuthorization("", "pdg_x"))).toEqual({
      kind: "basic",
      username: "",
      password: "pdg_x",
    });
  });

  it("calls odd headers invalid, saying why", () => {
    expect(parseAuthorizationHeader("Bearer")).toMatchObject({ kind: "invalid" });
    expect(parseAuthorizationHeader("Digest abc")).toEqual({
      kind: "invalid",
      reason: 'Unsupported authorization scheme "Digest"',
    });
    expect(parseAuthorizationHeader("Basic ***")).toMatchObject({ kind: "invalid" });
    const noColon = `Basic ${Buffer.from("just-a-user").toString("base64")}`;
    expect(parseAuthorizationHeader(noColon)).toEqual({
      kind: "invalid",
      reason: "Basic credentials need user:password",
    });
  });
});
