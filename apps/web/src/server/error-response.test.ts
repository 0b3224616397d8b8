import { describe, expect, it } from "vitest";
import { STATUS_BY_CODE, toErrorAnswer } from "./error-response.ts";
import { APP_ERROR_CODES, AppError } from "./errors.ts";

describe("toErrorAnswer", () => {
  it("has a status for every code, and fewer than ten codes", () => {
    expect(APP_ERROR_CODES.length).toBeLessThan(10);
    expect(Object.keys(STATUS_BY_CODE).sort()).toEqual([...APP_ERROR_CODES].sort());
  });

  it("maps AppErrors through the table, keeping message and details", () => {
    const answer = toErrorAnswer(new AppError("NOT_FOUND", "No model x", { name: "x" }), "r1");
    expect(answer).toEqual({
      status: 404,
      body: { error: { code: "NOT_FOUND", message: "No model x", details: { name: "x" } } },
      headers: {},
      isUnexpected: false,
    });
    expect(toErrorAnswer(new AppError("UNAUTHENTICATED", "no"), "r1").headers).toHaveProperty(
      "WWW-Authenticate",
    );
  });

  it("reads database errors from both drivers", () => {
    expect(toErrorAnswer({ code: "P2002" }, "r1").status).toBe(409);
    expect(toErrorAnswer({ cause: { code: "23505" } }, "r1").status).toBe(409);
    expect(toErrorAnswer({ code: "23001" }, "r1").status).toBe(409);
    const unavailable = toErrorAnswer({ code: "57P01" }, "r1");
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers["Retry-After"]).toBe("5");
  });

  it("hides unexpected errors behind the request id", () => {
    const answer = toErrorAnswer(new Error("password=hunter2"), "req-42");
    expect(answer.status).toBe(500);
    expect(answer.isUnexpected).toBe(true);
    expect(JSON.stringify(answer.body)).not.toContain("hunter2");
    expect(answer.body.error.message).toContain("req-42");
  });
});
