// The S3 store against a real S3-protocol server (s3rver, which checks SigV4 signatures and keeps
// objects on disk): uploads streamed through the MLflow artifact route with and without a length
// (the latter as a multipart upload of 8 MiB parts), listings, downloads, the Artifact rows'
// size and SHA-256, deletes, and paths refused before anything reaches the bucket.
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestToken, createTestUser, setUpTestDatabase } from "../../server/testing.ts";
import { createMlflowClient } from "../mlflow/test-client.ts";
import { callProxied, getRunArtifact, streamOf } from "./test-requests.ts";

const BUCKET = "pedigree-artifacts";
const PREFIX = "team/artifacts";
const KEYS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

const getDb = setUpTestDatabase();
let workDir: string;
let server: S3rver;
let bucket: S3Client;
let token: string;
let client: ReturnType<typeof createMlflowClient>;
let runId: string;
let base: string;

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

/** 9 MiB + 123 bytes of a repeating pattern: two parts when streamed without a length. */
const LARGE = Buffer.alloc(9 * 1024 * 1024 + 123);
for (let i = 0; i < LARGE.length; i += 1) LARGE[i] = (i * 31 + (i >> 13)) & 0xff;
/** A 1x1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const TEXT = Buffer.from(`${"line of a training log\n".repeat(4000)}`);

async function listBucket(): Promise<string[]> {
  const page = await bucket.send(new ListObjectsV2Command({ Bucket: BUCKET }));
  return (page.Contents ?? []).map((object) => object.Key ?? "").sort();
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "pedigree-s3-"));
  server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: workDir,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  vi.stubEnv("PEDIGREE_ARTIFACTS_S3_BUCKET", BUCKET);
  vi.stubEnv("PEDIGREE_ARTIFACTS_S3_PREFIX", PREFIX);
  vi.stubEnv("PEDIGREE_ARTIFACTS_S3_ENDPOINT", endpoint);
  vi.stubEnv("PEDIGREE_ARTIFACTS_S3_FORCE_PATH_STYLE", "true");
  vi.stubEnv("PEDIGREE_ARTIFACTS_S3_ACCESS_KEY_ID", KEYS.accessKeyId);
  vi.stubEnv("PEDIGREE_ARTIFACTS_S3_SECRET_ACCESS_KEY", KEYS.secretAccessKey);
  bucket = new S3Client({
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: KEYS,
  });
  const db = getDb();
  const engineer = await createTestUser(db, { role: "ENGINEER" });
  token = (await createTestToken(db, engineer.id)).token;
  client = createMlflowClient(token);
  const experimentId = (await client.post("experiments/create", { name: "s3" })).json
    .experiment_id as string;
  runId = (await client.post("runs/create", { experiment_id: experimentId })).json.run.info
    .run_id as string;
  base = `${experimentId}/${runId}/artifacts`;
});

afterAll(async () => {
  bucket?.destroy();
  await server?.close();
  await rm(workDir, { recursive: true, force: true });
});

describe("the S3 artifact store", () => {
  it("stores streamed uploads in the bucket under the prefix and records size and SHA-256", async () => {
    const uploads = [
      ["model/weights.bin", streamOf(LARGE), undefined],
      ["plots/loss.png", streamOf(PNG), PNG.length],
      ["logs/train.txt", TEXT, TEXT.length],
    ] as const;
    for (const [name, body, length] of uploads) {
      const answer = await callProxied(token, "PUT", `artifacts/${base}/${name}`, body, { length });
      expect(answer.status, `${name}: ${answer.bytes}`).toBe(200);
      expect(answer.json()).toEqual({});
    }
    expect(await listBucket()).toEqual(
      ["logs/train.txt", "model/weights.bin", "plots/loss.png"].map(
        (name) => `${PREFIX}/${base}/${name}`,
      ),
    );
    const rows = await getDb().prisma.artifact.findMany({
      where: { runId },
      orderBy: { path: "asc" },
    });
    expect(rows.map(({ path, size, sha256 }) => ({ path, size, sha256 }))).toEqual([
      { path: "logs/train.txt", size: BigInt(TEXT.length), sha256: sha256(TEXT) },
      { path: "model/weights.bin", size: BigInt(LARGE.length), sha256: sha256(LARGE) },
      { path: "plots/loss.png", size: BigInt(PNG.length), sha256: sha256(PNG) },
    ]);
  });

  it("lists a run's folders and files", async () => {
    const top = await client.get("artifacts/list", { run_id: runId });
    expect(top.json.files).toEqual([
      { path: "logs", is_dir: true },
      { path: "model", is_dir: true },
      { path: "plots", is_dir: true },
    ]);
    const model = await client.get("artifacts/list", { run_id: runId, path: "model" });
    expect(model.json.files).toEqual([
      { path: "model/weights.bin", is_dir: false, file_size: LARGE.length },
    ]);
    const proxied = await client.call(
      "GET",
      "artifacts",
      { path: `${base}/plots` },
      { base: "mlflow-artifacts" },
    );
    expect(proxied.json.files).toEqual([
      { path: "loss.png", is_dir: false, file_size: PNG.length },
    ]);
  });

  it("downloads the same bytes through the MLflow route and the run page's route", async () => {
    const weights = await callProxied(token, "GET", `artifacts/${base}/model/weights.bin`);
    expect(weights.status).toBe(200);
    expect(weights.headers.get("content-length")).toBe(String(LARGE.length));
    expect(sha256(weights.bytes)).toBe(sha256(LARGE));

    const image = await getRunArtifact(token, runId, "plots/loss.png");
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("content-disposition")).toMatch(/^inline;/);
    expect(image.bytes.equals(PNG)).toBe(true);

    const preview = await getRunArtifact(token, runId, "logs/train.txt", {
      query: "?preview=text",
    });
    expect(preview.status).toBe(200);
    expect(preview.bytes.equals(TEXT.subarray(0, 64 * 1024))).toBe(true);
    expect(preview.headers.get("x-artifact-truncated")).toBe("true");
    expect(preview.headers.get("x-artifact-size")).toBe(String(TEXT.length));
  });

  it("refuses paths that leave the run before anything reaches the bucket", async () => {
    const before = await listBucket();
    for (const target of [
      `artifacts/${base}/..%2F..%2F..%2Fescape.txt`,
      `artifacts/${base}/%2e%2e%2f%2e%2e%2fescape.txt`,
      `artifacts/${base}/a%5C..%5Cescape.txt`,
      "artifacts//escape.txt",
      `artifacts/${base}/a%00.txt`,
    ]) {
      const answer = await callProxied(token, "PUT", target, "x");
      expect(answer.status, target).toBe(400);
      expect(answer.json().error_code).toBe("INVALID_PARAMETER_VALUE");
    }
    expect(await listBucket()).toEqual(before);
  });

  it("deletes a file and its row; a missing file is MLflow's 404", async () => {
    const deleted = await callProxied(token, "DELETE", `artifacts/${base}/plots/loss.png`);
    expect(deleted.status).toBe(200);
    const gone = await callProxied(token, "GET", `artifacts/${base}/plots/loss.png`);
    expect(gone.status).toBe(404);
    expect(gone.json().error_code).toBe("RESOURCE_DOES_NOT_EXIST");
    expect(await getDb().prisma.artifact.count({ where: { runId, path: "plots/loss.png" } })).toBe(
      0,
    );
    expect(await listBucket()).not.toContain(`${PREFIX}/${base}/plots/loss.png`);
  });
});
