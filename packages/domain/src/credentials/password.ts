import { scryptSync, timingSafeEqual } from "node:crypto";

// scrypt with N=2^15, r=8, p=1 (OWASP's minimum for scrypt), 64-byte key. The parameters are
// stored in the hash so that they can be raised later without invalidating existing passwords.
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 64;
const MAX_MEMORY = 64 * 1024 * 1024;

/** Hashes a password with scrypt. `salt` is 16+ random bytes, given by the caller (no I/O here). */
export function hashPassword(password: string, salt: Uint8Array): string {
  if (salt.length < 16) throw new Error("salt must be at least 16 bytes");
  const key = scryptSync(password.normalize("NFKC"), salt, KEY_LENGTH, {
    N,
    r: R,
    p: P,
    maxmem: MAX_MEMORY,
  });
  return ["scrypt", N, R, P, Buffer.from(salt).toString("base64"), key.toString("base64")].join(
    "$",
  );
}

/** Checks a password against a stored hash in constant time; false for any malformed hash. */
export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, "base64");
  const actual = scryptSync(
    password.normalize("NFKC"),
    Buffer.from(salt, "base64"),
    expected.length,
    {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: MAX_MEMORY,
    },
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
