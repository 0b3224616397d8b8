import type { GateResult } from "@pedigree/domain";
import { expect, it } from "vitest";
import { toAppError } from "./registry-errors.ts";

it("maps each registry refusal to the contract's code, naming the reason and failed gates", () => {
  const code = (reason: Parameters<typeof toAppError>[0]["code"]) =>
    toAppError({ code: reason, message: "m" }).code;
  expect(code("SELF_APPROVAL")).toBe("FORBIDDEN");
  expect(code("NOT_APPROVER")).toBe("FORBIDDEN");
  expect(code("COMMENT_REQUIRED")).toBe("INVALID_INPUT");
  for (const reason of [
    "ALREADY_DECIDED",
    "REQUEST_CLOSED",
    "INVALID_TRANSITION",
    "APPROVAL_MISSING",
    "STALE_REQUEST",
    "NO_ROLLBACK_TARGET",
  ] as const) {
    expect(code(reason)).toBe("CONFLICT");
  }
  const gates: GateResult[] = [
    { gate: "lineage", outcome: "passed", summary: "ok", details: {} },
    { gate: "drift", outcome: "failed", summary: "PSI 0.4", details: { maxPsi: 0.4 } },
  ];
  const error = toAppError({ code: "GATE_FAILED", message: "Failed gates: drift" }, gates);
  expect(error.code).toBe("CONFLICT");
  expect(error.details).toEqual({ reason: "GATE_FAILED", gates: [gates[1]] });
});
