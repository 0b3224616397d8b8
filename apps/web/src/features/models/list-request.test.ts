import { describe, expect, it } from "vitest";
import { modelListPath, readModelListRequest, toContainsPattern } from "./list-request.ts";

describe("the home page's list request", () => {
  it("reads the query and page", () => {
    expect(readModelListRequest({ q: "  fraud ", page: "2" })).toEqual({ query: "fraud", page: 2 });
    expect(readModelListRequest({})).toEqual({ query: "", page: 1 });
    expect(readModelListRequest({ q: ["a", "b"], page: ["3", "4"] })).toEqual({
      query: "a",
      page: 3,
    });
  });

  it("takes a malformed or out-of-range page as page 1", () => {
    for (const page of ["0", "-1", "1.5", "abc", "", "1e3", "99999999", "0x10", " "]) {
      expect(readModelListRequest({ page }).page, page).toBe(1);
    }
  });

  it("drops NUL, which PostgreSQL text cannot hold", () => {
    expect(readModelListRequest({ q: "fr\u0000aud" }).query).toBe("fraud");
  });

  it("cuts a very long query", () => {
    expect(readModelListRequest({ q: "x".repeat(1000) }).query).toHaveLength(200);
  });

  it("spells shareable URLs that read back to the same request", () => {
    expect(modelListPath({ query: "", page: 1 })).toBe("/");
    expect(modelListPath({ query: "fraud", page: 1 })).toBe("/?q=fraud");
    expect(modelListPath({ query: "", page: 3 })).toBe("/?page=3");
    const request = { query: "a&b =%?#", page: 2 };
    const params = new URLSearchParams(modelListPath(request).slice(2));
    expect(readModelListRequest(Object.fromEntries(params))).toEqual(request);
  });

  it("escapes LIKE wildcards in the user's text", () => {
    expect(toContainsPattern("fraud")).toBe("%fraud%");
    expect(toContainsPattern("100%_a\\b")).toBe("%100\\%\\_a\\\\b%");
  });
});
