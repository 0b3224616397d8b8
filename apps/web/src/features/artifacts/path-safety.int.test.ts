// Artifact paths that try to leave the artifact root: "..", absolute paths, encoded separators,
// backslashes, NUL and symlinks planted inside the folder. Each is refused with MLflow's 400
// (or our native 400) and nothing outside the root is read, written or deleted.
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestToken, createTestUser, setUpTestDatabase } from "../../server/testing.ts";
import { createMlflowClient } from "../mlflow/test-client.ts";
import { callProxied, getRunArtifact, type RawAnswer } from "./test-requests.ts";

const getDb = setUpTestDatabase();
let workDir: string;
let root: string;
let outside: string;
let token: string;
let client: ReturnType<typeof createMlflowClient>;
let runId: string;
let base: string;

const SECRET = "outside the artifact root\n";

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "pedigree-path-safety-"));
  root = path.join(workDir, "artifacts");
  outside = path.join(workDir, "outside");
  await mkdir(outside);
  await writeFile(path.join(outside, "secret.txt"), SECRET);
  vi.stubEnv("PEDIGREE_ARTIFACTS_DIR", root);
  const db = getDb();
  const engineer = await createTestUser(db, { role: "ENGINEER" });
  token = (await createTestToken(db, engineer.id)).token;
  client = createMlflowClient(token);
  const experimentId = (await client.post("experiments/create", { name: "paths" })).json
    .experiment_id as string;
  runId = (await client.post("runs/create", { experiment_id: experimentId })).json.run.info
    .run_id as string;
  base = `${experimentId}/${runId}/artifacts`;
  expect((await callProxied(token, "PUT", `artifacts/${base}/ok.txt`, "fine\n")).status).toBe(200);
  // Planted by someone with access to the folder: a link to a folder and one to a file outside.
  const runFolder = path.join(root, base);
  await symlink(outside, path.join(runFolder, "link"));
  await symlink(path.join(outside, "secret.txt"), path.join(runFolder, "secret-link.txt"));
  await db.prisma.artifact.create({
    data: { runId, path: "secret-link.txt", size: 26n, sha256: "0".repeat(64) },
  });
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

function expectMlflowRefusal(answer: RawAnswer) {
  expect(answer.status).toBe(400);
  expect(answer.json()).toEqual({
    error_code: "INVALID_PARAMETER_VALUE",
    message: expect.stringMatching(/Invalid artifact path/),
  });
  expect(answer.bytes.toString()).not.toContain("outside the artifact root\n");
}

async function expectOutsideUntouched() {
  expect(await readdir(outside)).toEqual(["secret.txt"]);
  expect(await readFile(path.join(outside, "secret.txt"), "utf8")).toBe(SECRET);
  expect(await readdir(workDir)).toEqual(["artifacts", "outside"]);
}

describe("MLflow artifact routes refuse paths that leave the root", () => {
  const escapes = () => [
    `artifacts/${base}/..%2F..%2F..%2F..%2Foutside%2Fsecret.txt`,
    `artifacts/${base}/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2foutside/secret.txt`,
    `artifacts/${base}/%2E%2E%2F%2E%2E%2F%2E%2E%2Fescape.txt`,
    `artifacts/${base}/a%2Fb.txt`,
    "artifacts/%2Fetc%2Fpasswd",
    "artifacts//etc/passwd",
    `artifacts/${base}/..%5C..%5C..%5Cescape.txt`,
    `artifacts/${base}/a%5Cb.txt`,
    `artifacts/${base}/a%00b.txt`,
    "artifacts/C:/Windows/win.ini",
    `artifacts/${base}/link/secret.txt`,
    `artifacts/${base}/link/planted.txt`,
    `artifacts/${base}/secret-link.txt`,
  ];

  it("refuses uploads, downloads and deletes", async () => {
    for (const target of escapes()) {
      for (const method of ["PUT", "GET", "DELETE"] as const) {
        const answer = await callProxied(token, method, target, method === "PUT" ? "x" : undefined);
        try {
          expectMlflowRefusal(answer);
        } catch (error) {
          throw new Error(`${method} ${target}: ${answer.status} ${answer.bytes}`, {
            cause: error,
          });
        }
      }
    }
    await expectOutsideUntouched();
  });

  it("refuses listings through '..', absolute paths and symlinks, and never lists a link", async () => {
    for (const folder of [`${base}/link`, `${base}/../..`, "/etc", `${base}\\..`, `${base}\0`]) {
      const proxied = await client.call(
        "GET",
        "artifacts",
        { path: folder },
        { base: "mlflow-artifacts" },
      );
      expect(proxied, folder).toMatchObject({
        status: 400,
        json: { error_code: "INVALID_PARAMETER_VALUE" },
      });
    }
    const tracked = await client.get("artifacts/list", { run_id: runId, path: "link" });
    expect(tracked).toMatchObject({ status: 400, json: { error_code: "INVALID_PARAMETER_VALUE" } });
    const escaped = await client.get("artifacts/list", { run_id: runId, path: "../../.." });
    expect(escaped).toMatchObject({ status: 400, json: { error_code: "INVALID_PARAMETER_VALUE" } });
    const listed = await client.get("artifacts/list", { run_id: runId });
    expect(listed.json.files).toEqual([{ path: "ok.txt", is_dir: false, file_size: 5 }]);
    await expectOutsideUntouched();
  });

  it("still serves an ordinary file", async () => {
    const answer = await callProxied(token, "GET", `artifacts/${base}/ok.txt`);
    expect(answer.status).toBe(200);
    expect(answer.bytes.toString()).toBe("fine\n");
  });
});

describe("the run page's artifact route refuses the same paths", () => {
  // A path the run has not recorded is 404 before the store is asked (link/secret.txt).
  it.each([
    ["secret-link.txt", undefined, 400],
    ["link/secret.txt", undefined, 404],
    ["..%2F..%2F..%2F..%2Foutside%2Fsecret.txt", undefined, 400],
    ["%2e%2e%2f%2e%2e%2fok.txt", undefined, 400],
    ["a%5Cb.txt", undefined, 400],
    ["x", ["..", "..", "outside", "secret.txt"], 400],
    ["x", ["/etc/passwd"], 400],
    ["x", ["a\0b"], 400],
  ] as const)("refuses %s %j with %i", async (rawPath, segments, status) => {
    const answer = await getRunArtifact(token, runId, rawPath, {
      segments: segments ? [...segments] : undefined,
    });
    expect(answer.status).toBe(status);
    expect(answer.json().error).toMatchObject({
      code: status === 400 ? "INVALID_INPUT" : "NOT_FOUND",
    });
    expect(answer.bytes.toString()).not.toContain(SECRET);
    await expectOutsideUntouched();
  });
});
