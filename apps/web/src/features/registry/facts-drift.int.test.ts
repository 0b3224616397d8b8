import { resolvePolicy } from "@pedigree/domain";
import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "../../server/testing.ts";
import { loadCandidateFacts, loadCandidateFactsByVersion } from "./facts.ts";
import { createModel, PAST, POLICY } from "./test-fixtures.ts";

const db = setUpTestDatabase();
const policy = resolvePolicy(POLICY);
const hour = (n: number) => new Date(PAST.getTime() + n * 3_600_000);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The witness the query must agree with, on the features JSON as JavaScript reads it: the first
 * entry with the largest finite numeric psi; entries that are not objects or whose psi is not a
 * finite number are skipped; a feature that is not a string is null.
 */
function readMaxPsi(stored: unknown): { maxPsi: number; feature: string | null } {
  let best: { maxPsi: number; feature: string | null } | null = null;
  if (!Array.isArray(stored)) return { maxPsi: 0, feature: null };
  for (const item of stored) {
    if (!isRecord(item) || typeof item.psi !== "number" || !Number.isFinite(item.psi)) continue;
    if (best === null || item.psi > best.maxPsi) {
      best = { maxPsi: item.psi, feature: typeof item.feature === "string" ? item.feature : null };
    }
  }
  return best ?? { maxPsi: 0, feature: null };
}

/** Features JSON as stored text (numbers JavaScript cannot write), and what the gates read. */
const CASES: {
  name: string;
  json: string;
  expected: { maxPsi: number; feature: string | null };
}[] = [
  {
    name: "a tie keeps the first",
    json: '[{"feature":"a","psi":0.1},{"feature":"b","psi":0.3},{"feature":"c","psi":0.3}]',
    expected: { maxPsi: 0.3, feature: "b" },
  },
  {
    name: "decimals that are the same double tie",
    json: '[{"feature":"a","psi":0.1},{"feature":"b","psi":0.10000000000000000001}]',
    expected: { maxPsi: 0.1, feature: "a" },
  },
  {
    name: "equal numbers written differently tie",
    json: '[{"feature":"a","psi":2},{"feature":"b","psi":2.000},{"feature":"c","psi":0.2e1}]',
    expected: { maxPsi: 2, feature: "a" },
  },
  {
    name: "a psi that is not a number is skipped",
    json:
      '[{"feature":"a","psi":"0.9"},{"feature":"b","psi":"NaN"},{"feature":"c","psi":"Infinity"},' +
      '{"feature":"d","psi":null},{"feature":"e","psi":true},{"feature":"f","psi":[1]},' +
      '{"feature":"g","psi":{"v":1}},{"feature":"h"},{"feature":"i","psi":0.2}]',
    expected: { maxPsi: 0.2, feature: "i" },
  },
  {
    name: "entries that are not objects are skipped",
    json: '[1, "x", null, true, [{"feature":"a","psi":5}], {"feature":"b","psi":0.4}]',
    expected: { maxPsi: 0.4, feature: "b" },
  },
  {
    name: "a feature that is not a string is null",
    json: '[{"psi":0.1},{"feature":7,"psi":0.4},{"feature":null,"psi":0.3}]',
    expected: { maxPsi: 0.4, feature: null },
  },
  {
    name: "the largest psi without a name still wins over a smaller one after it",
    json: '[{"psi":0.5},{"feature":"b","psi":0.2}]',
    expected: { maxPsi: 0.5, feature: null },
  },
  {
    name: "only negative values",
    json: '[{"feature":"a","psi":-0.2},{"feature":"b","psi":-0.1},{"feature":"c","psi":-0.3}]',
    expected: { maxPsi: -0.1, feature: "b" },
  },
  {
    name: "a psi past the largest double is infinite and skipped",
    json: '[{"feature":"huge","psi":1e400},{"feature":"edge","psi":1.7976931348623159e308},{"feature":"a","psi":0.01}]',
    expected: { maxPsi: 0.01, feature: "a" },
  },
  {
    name: "the largest double is finite",
    json: '[{"feature":"a","psi":0.01},{"feature":"max","psi":1.7976931348623157e308}]',
    expected: { maxPsi: Number.MAX_VALUE, feature: "max" },
  },
  {
    name: "a psi below the smallest double is zero, one above it is not",
    json: '[{"feature":"neg","psi":-0.5},{"feature":"tiny","psi":1e-400},{"feature":"sub","psi":5e-324}]',
    expected: { maxPsi: 5e-324, feature: "sub" },
  },
  {
    name: "zero from an underflow still beats a negative psi",
    json: '[{"feature":"neg","psi":-0.5},{"feature":"tiny","psi":1e-400}]',
    expected: { maxPsi: 0, feature: "tiny" },
  },
  {
    name: "a negative psi below the smallest double is a negative zero",
    json: '[{"feature":"a","psi":-1e-400},{"feature":"b","psi":-0.0}]',
    expected: { maxPsi: -0, feature: "a" },
  },
  { name: "an empty list", json: "[]", expected: { maxPsi: 0, feature: null } },
  {
    name: "no usable entry",
    json: '[{"feature":"a","psi":"0.4"}]',
    expected: { maxPsi: 0, feature: null },
  },
  {
    name: "an object, not a list",
    json: '{"feature":"a","psi":0.4}',
    expected: { maxPsi: 0, feature: null },
  },
  { name: "a scalar", json: "0.4", expected: { maxPsi: 0, feature: null } },
];

async function createDeployedVersion() {
  const model = await createModel(db(), [{ stage: "NONE", accuracy: 0.8 }]);
  const versionId = model.versions[0]?.id ?? "";
  const input = await db().prisma.runInput.findFirstOrThrow({
    where: { run: { modelVersions: { some: { id: versionId } } }, context: "TRAINING" },
  });
  const deployment = await db().prisma.deployment.create({
    data: { versionId, service: `scorer-${versionId}`, environment: "production", startedAt: PAST },
  });
  return { versionId, deploymentId: deployment.id, baseline: input.datasetVersionId };
}

describe("the drift fact's largest PSI", () => {
  it.each(CASES)("is read as JavaScript reads the features JSON: $name", async (item) => {
    const { versionId, deploymentId, baseline } = await createDeployedVersion();
    const report = await db().prisma.driftReport.create({
      data: {
        deploymentId,
        baselineDatasetVersionId: baseline,
        windowStart: hour(0),
        windowEnd: hour(1),
        features: [],
        driftedShare: 0.5,
        severity: "MODERATE",
      },
    });
    await db().prisma
      .$executeRaw`UPDATE "DriftReport" SET features = ${item.json}::jsonb WHERE id = ${report.id}`;
    const stored = await db().prisma.driftReport.findUniqueOrThrow({ where: { id: report.id } });
    expect(readMaxPsi(stored.features)).toEqual(item.expected);

    const facts = await loadCandidateFacts(db().prisma, versionId, policy);
    expect(facts.drift).toEqual({ severity: "MODERATE", ...item.expected });
  });
});

describe("the drift fact's report", () => {
  it("breaks a tie of window end and computation time by id, across both sources", async () => {
    const own = await createDeployedVersion();
    const other = await createDeployedVersion();
    const computedAt = hour(10);
    const report = (id: string, deploymentId: string, baseline: string, start: number) =>
      db().prisma.driftReport.create({
        data: {
          id,
          deploymentId,
          baselineDatasetVersionId: baseline,
          windowStart: hour(start),
          windowEnd: hour(5),
          features: [{ feature: id, psi: 0.2 }],
          driftedShare: 0.5,
          severity: "NONE",
          computedAt,
        },
      });
    // The version's own deployment: two windows ending together, the larger id written first.
    await report("tie-c", own.deploymentId, own.baseline, 3);
    await report("tie-b", own.deploymentId, own.baseline, 4);
    // Another version's deployment against the first's training data: its smallest id.
    await report("tie-a", other.deploymentId, own.baseline, 2);
    // The other version's own, one with a smaller id than all: reports on its deployment count
    // for it whatever their baseline.
    await report("tie-z", other.deploymentId, other.baseline, 3);
    await report("tie-0", other.deploymentId, other.baseline, 4);

    const facts = await loadCandidateFactsByVersion(
      db().prisma,
      [own.versionId, other.versionId],
      policy,
    );
    expect(facts.get(own.versionId)?.drift?.feature).toBe("tie-a");
    expect(facts.get(other.versionId)?.drift?.feature).toBe("tie-0");
  });

  it("takes the latest window end, then the latest computation, skipping too few rows", async () => {
    const own = await createDeployedVersion();
    const report = (
      id: string,
      start: number,
      end: number,
      computed: number,
      isTooFewRows = false,
    ) =>
      db().prisma.driftReport.create({
        data: {
          id,
          deploymentId: own.deploymentId,
          baselineDatasetVersionId: own.baseline,
          windowStart: hour(start),
          windowEnd: hour(end),
          features: [{ feature: id, psi: 0.2 }],
          driftedShare: 0.5,
          severity: "NONE",
          computedAt: hour(computed),
          isTooFewRows,
        },
      });
    await report(`${own.versionId}-a`, 0, 6, 20);
    // A later start but an earlier end: windowStart is not the order.
    await report(`${own.versionId}-b`, 5, 5, 30);
    // Same end, later computation: this one.
    await report(`${own.versionId}-c`, 1, 6, 21);
    await report(`${own.versionId}-d`, 2, 7, 40, true);
    const facts = await loadCandidateFacts(db().prisma, own.versionId, policy);
    expect(facts.drift?.feature).toBe(`${own.versionId}-c`);
  });
});
