import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  callProxied,
  getRunArtifact,
} from "../../../../../../../features/artifacts/test-requests.ts";
import { createMlflowClient } from "../../../../../../../features/mlflow/test-client.ts";
import {
  createTestToken,
  createTestUser,
  setUpTestDatabase,
} from "../../../../../../../server/testing.ts";
import { GET } from "./route.ts";

const getDb = setUpTestDatabase();
let artifactsDir: string;
let engineerToken: string;
let viewerToken: string;
let runId: string;
let base: string;

const FILES: Record<string, string | Buffer> = {
  "notes.txt": "<script>alert(1)</script>\n",
  "big.log": "x".repeat(70_000),
  "model/MLmodel": "flavors: {}\n",
  "plot.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
  "report.html": "<h1>hi</h1>",
  "weights.bin": Buffer.from([0, 1, 2, 3]),
  "plot.webp": Buffer.from("RIFF\0\0\0\0WEBP"),
  "ünïcode name.txt": "hello",
};

beforeAll(async () => {
  artifactsDir = await mkdtemp(path.join(tmpdir(), "pedigree-run-artifacts-"));
  vi.stubEnv("PEDIGREE_ARTIFACTS_DIR", artifactsDir);
  const db = getDb();
  engineerToken = (await createTestToken(db, (await createTestUser(db, { role: "ENGINEER" })).id))
    .token;
  viewerToken = (await createTestToken(db, (await createTestUser(db, { role: "VIEWER" })).id))
    .token;
  const client = createMlflowClient(engineerToken);
  const experimentId = (await client.post("experiments/create", { name: "previews" })).json
    .experiment_id as string;
  runId = (await client.post("runs/create", { experiment_id: experimentId })).json.run.info
    .run_id as string;
  base = `${experimentId}/${runId}/artifacts`;
  for (const [name, body] of Object.entries(FILES)) {
    const target = `artifacts/${base}/${name.split("/").map(encodeURIComponent).join("/")}`;
    expect((await callProxied(engineerToken, "PUT", target, body)).status).toBe(200);
  }
});

afterAll(async () => {
  await rm(artifactsDir, { recursive: true, force: true });
});

describe("GET /api/v1/runs/{id}/artifacts/{path}", () => {
  it.each([
    ["notes.txt", "text/plain; charset=utf-8", "inline"],
    ["model/MLmodel", "text/plain; charset=utf-8", "inline"],
    ["plot.webp", "image/webp", "inline"],
    ["plot.svg", "image/svg+xml", "attachment"],
    ["report.html", "text/html; charset=utf-8", "attachment"],
    ["weights.bin", "application/octet-stream", "attachment"],
  ])("serves %s as %s, %s", async (name, type, disposition) => {
    const answer = await getRunArtifact(viewerToken, runId, name);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe(type);
    expect(answer.headers.get("content-disposition")).toMatch(new RegExp(`^${disposition};`));
    expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    expect(answer.headers.get("content-security-policy")).toContain("sandbox");
    expect(answer.bytes.equals(Buffer.from(FILES[name] ?? ""))).toBe(true);
  });

  it("is an attachment with ?download=1, and names a non-ASCII file both ways", async () => {
    const answer = await getRunArtifact(viewerToken, runId, "notes.txt", { query: "?download=1" });
    expect(answer.headers.get("content-disposition")).toBe('attachment; filename="notes.txt"');
    const unicode = await getRunArtifact(
      viewerToken,
      runId,
      encodeURIComponent("ünïcode name.txt"),
    );
    expect(unicode.status).toBe(200);
    expect(unicode.headers.get("content-disposition")).toBe(
      `inline; filename="_n_code name.txt"; filename*=UTF-8''${encodeURIComponent("ünïcode name.txt")}`,
    );
  });

  it("previews the first 64 KiB of a text file as text/plain and says so when truncated", async () => {
    const big = await getRunArtifact(viewerToken, runId, "big.log", { query: "?preview=text" });
    expect(big.status).toBe(200);
    expect(big.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(big.bytes.length).toBe(64 * 1024);
    expect(big.headers.get("x-artifact-truncated")).toBe("true");
    expect(big.headers.get("x-artifact-size")).toBe("70000");
    const svg = await getRunArtifact(viewerToken, runId, "plot.svg", { query: "?preview=text" });
    expect(svg.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(svg.headers.get("x-artifact-truncated")).toBe("false");
    expect(svg.bytes.toString()).toBe(FILES["plot.svg"]);
  });

  it("refuses a text preview of a binary file, naming the field", async () => {
    const answer = await getRunArtifact(viewerToken, runId, "weights.bin", {
      query: "?preview=text",
    });
    expect(answer.status).toBe(400);
    expect(answer.json().error.message).toMatch(/^preview:/);
    const unknown = await getRunArtifact(viewerToken, runId, "notes.txt", {
      query: "?preview=html",
    });
    expect(unknown.status).toBe(400);
  });

  it("is 404 for an unknown run or a file the run has not recorded, 401 without credentials", async () => {
    expect((await getRunArtifact(viewerToken, "f".repeat(32), "notes.txt")).status).toBe(404);
    expect((await getRunArtifact(viewerToken, runId, "missing.txt")).status).toBe(404);
    const anonymous = await GET(
      new Request(`http://localhost/api/v1/runs/${runId}/artifacts/notes.txt`),
      { params: Promise.resolve({ id: runId, path: ["notes.txt"] }) },
    );
    expect(anonymous.status).toBe(401);
  });

  it("lists each file on the run page with its route and preview kind", async () => {
    const { getRunDetail } = await import("../../../../../../../features/runs/run-detail.ts");
    const detail = await getRunDetail(getDb(), runId);
    const byPath = Object.fromEntries(detail.artifacts.map((a) => [a.path, a]));
    expect(byPath["notes.txt"]).toMatchObject({
      url: `/api/v1/runs/${runId}/artifacts/notes.txt`,
      preview: "text",
    });
    expect(byPath["plot.webp"]?.preview).toBe("image");
    expect(byPath["plot.svg"]?.preview).toBe("text");
    expect(byPath["weights.bin"]?.preview).toBeNull();
    expect(byPath["ünïcode name.txt"]?.url).toBe(
      `/api/v1/runs/${runId}/artifacts/${encodeURIComponent("ünïcode name.txt")}`,
    );
  });

  it("answers a malformed escape in an MLflow artifact path with 400, not 500", async () => {
    const answer = await callProxied(viewerToken, "GET", `artifacts/${base}/%E0%A4%A.txt`);
    expect(answer.status).toBe(400);
    expect(answer.json().error_code).toBe("INVALID_PARAMETER_VALUE");
  });
});
