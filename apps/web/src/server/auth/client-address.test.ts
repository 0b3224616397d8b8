import { describe, expect, it } from "vitest";
import { readClientAddress } from "./client-address.ts";

describe("readClientAddress", () => {
  it("takes the hop the nearest proxy appended, not what the client claimed", () => {
    expect(readClientAddress("6.6.6.6, 10.0.0.7")).toBe("10.0.0.7");
    expect(readClientAddress(" 192.0.2.1 ")).toBe("192.0.2.1");
  });

  it("answers unknown without the header", () => {
    expect(readClientAddress(null)).toBe("unknown");
    expect(readClientAddress(" , ")).toBe("unknown");
  });
});
