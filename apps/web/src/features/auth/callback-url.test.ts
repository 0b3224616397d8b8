import { describe, expect, it } from "vitest";
import { toSafeCallbackUrl } from "./callback-url.ts";

describe("toSafeCallbackUrl", () => {
  it("keeps paths on this site, with their query", () => {
    expect(toSafeCallbackUrl("/models/churn?tab=versions")).toBe("/models/churn?tab=versions");
    expect(toSafeCallbackUrl(["/settings/tokens", "/x"])).toBe("/settings/tokens");
  });

  it("falls back to the home page for anything else", () => {
    for (const value of [
      undefined,
      "",
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "/signin",
      "/signin?callbackUrl=/",
      "/x\nSet-Cookie: a=b",
    ]) {
      expect(toSafeCallbackUrl(value)).toBe("/");
    }
  });
});
