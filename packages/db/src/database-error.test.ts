import { expect, it } from "vitest";
import { classifyDatabaseError } from "./database-error.ts";

it("reads the SQLSTATE wherever the driver put it", () => {
  expect(classifyDatabaseError({ code: "P2002" })).toBe("unique_violation");
  expect(classifyDatabaseError({ cause: { kind: "postgres", code: "23505" } })).toBe(
    "unique_violation",
  );
  expect(classifyDatabaseError({ code: "23001" })).toBe("restrict_violation");
  expect(classifyDatabaseError({ code: "ECONNREFUSED" })).toBe("unavailable");
  expect(classifyDatabaseError({ code: "08006" })).toBe("unavailable");
  expect(classifyDatabaseError(new Error("boom"))).toBeNull();
  expect(classifyDatabaseError(null)).toBeNull();
});

it("reads a lost or refused connection as unavailable, whichever driver reported it", () => {
  // Prisma: server closed the connection; pool timeout; a wrapper's code over the driver's
  expect(classifyDatabaseError({ code: "P1017" })).toBe("unavailable");
  expect(classifyDatabaseError({ code: "P2024" })).toBe("unavailable");
  expect(classifyDatabaseError({ code: "P2010", cause: { code: "57P01" } })).toBe("unavailable");
  // node-postgres: a connection lost mid-query has no code, only its message
  expect(classifyDatabaseError(new Error("Connection terminated unexpectedly"))).toBe(
    "unavailable",
  );
  expect(
    classifyDatabaseError(
      new Error("wrapped", {
        cause: new Error("Client has encountered a connection error and is not queryable"),
      }),
    ),
  ).toBe("unavailable");
  expect(classifyDatabaseError(new Error("Connection terminated by the user"))).toBeNull();
});
