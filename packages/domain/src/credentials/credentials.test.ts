import { describe, expect, it } from "vitest";
import {
  displayApiTokenPrefix,
  formatApiToken,
  hashApiToken,
  isApiTokenFormat,
} from "./api-token.ts";
import { hashPassword, verifyPassword } from "./password.ts";

const salt = new Uint8Array(16).fill(7);

describe("passwords", () => {
  it("verifies the right password and refuses a wrong one", () => {
    const stored = hashPassword("pedigree-demo", salt);
    expect(stored.startsWith("scrypt$32768$8$1$")).toBe(true);
    expect(verifyPassword("pedigree-demo", stored)).toBe(true);
    expect(verifyPassword("pedigree-demo ", stored)).toBe(false);
  });

  it("gives another hash for another salt, the same for the same", () => {
    const other = new Uint8Array(16).fill(8);
    expect(hashPassword("x", salt)).toBe(hashPassword("x", salt));
    expect(hashPassword("x", salt)).not.toBe(hashPassword("x", other));
  });

  it("refuses malformed hashes and short salts", () => {
    expect(verifyPassword("x", "plain")).toBe(false);
    expect(verifyPassword("x", "scrypt$1$2")).toBe(false);
    expect(() => hashPassword("x", new Uint8Array(8))).toThrow(/salt/);
  });
});

describe("API tokens", () => {
  it("formats, recognises and hashes a token", () => {
    const token = formatApiToken(new Uint8Array(32).fill(1));
    expect(isApiTokenFormat(token)).toBe(true);
    expect(isApiTokenFormat("Bearer x")).toBe(false);
    expect(hashApiToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiToken(token)).not.toBe(hashApiToken(`${token}x`));
    expect(displayApiTokenPrefix(token)).toBe(token.slice(0, 10));
  });
});
