// The pipelines' CLI commands against the real route handlers: a small HTTP server in the test
// hands each request to the route, and the CLI runs as its own process (tsx), as a pipeline would.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postVersion } from "../../app/api/v1/dataset-versions/route.ts";
import { GET as getManifest } from "../../app/api/v1/models/[name]/versions/[version]/manifest/route.ts";
import { GET as getProvenance } from "../../app/api/v1/models/[name]/versions/[version]/provenance/route.ts";
import {
  createTestToken,
  createTestUser,
  routeContext,
  setUpTestDatabase,
} from "../../server/testing.ts";

const db = setUpTestDatabase();
const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../..");
const MODEL_ROUTE = /^\/api\/v1\/models\/([^/]+)\/versions\/([^/]+)\/(provenance|manifest)$/;

let server: Server;
let url = "";
let token = "";
let workDir = "";

async function handle(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname === "/api/v1/dataset-versions") return postVersion(request, routeContext());
  const match = MODEL_ROUTE.exec(pathname);
  if (match) {
    const params = { name: decodeURIComponent(match[1] ?? ""), version: match[2] ?? "" };
    const route = match[3] === "provenance" ? getProvenance : getManifest;
    return route(request, routeContext(params));
  }
  return new Response("not found", { status: 404 });
}

beforeAll(async () => {
  const user = await createTestUser(db(), { role: "ENGINEER" });
  token = (await createTestToken(db(), user.id)).token;
  workDir = await mkdtemp(path.join(tmpdir(), "pedigree-cli-"));
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const response = await handle(
      new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body,
      }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(workDir, { recursive: true, force: true });
});

async function pedigree(...args: string[]) {
  try {
    const { stdout } = await run(
      path.join(ROOT, "node_modules/.bin/tsx"),
      [path.join(ROOT, "apps/cli/src/main.ts"), ...args],
      {
        cwd: workDir,
        env: { ...process.env, PEDIGREE_URL: url, PEDIGREE_TOKEN: token },
      },
    );
    return { code: 0, stdout, stderr: "" };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const md5 = (text: string) => createHash("md5").update(text).digest("hex");

describe("the pipelines' CLI against the server", () => {
  it("registers from a file, imports a DVC stage, prints provenance and verifies the manifest", async () => {
    const version = {
      dataset: "churn-train",
      partitions: [
        { uri: "events/dt=2026-10-01/part-0.csv", checksum: md5("a,b\n1,2\n"), rowCount: 1 },
      ],
      commit: { repo: "github.com/acme/churn", sha: "0123abcd" },
      params: { window_days: 30 },
    };
    await writeFile(path.join(workDir, "version.json"), JSON.stringify(version));
    const registered = await pedigree("dataset", "register", "--file", "version.json");
    expect(registered.stdout).toMatch(
      /^registered: churn-train [0-9a-f]{64} · 1 rows · 1 partitions/,
    );
    const again = await pedigree("dataset", "register", "--file", "version.json");
    expect(again.stdout).toMatch(/^already registered \(same content\)/);
    await writeFile(
      path.join(workDir, "version.json"),
      JSON.stringify({ ...version, rowCount: 2 }),
    );
    const refused = await pedigree("dataset", "register", "--file", "version.json");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("409");
    expect(refused.stderr).toContain("rowCount: stored 1, sent 2");

    await mkdir(path.join(workDir, "data/features"), { recursive: true });
    await writeFile(path.join(workDir, "data/features/x.csv"), "x\n");
    const dirHash = `${md5(`[{"md5": "${md5("x\n")}", "relpath": "x.csv"}]`)}.dir`;
    await writeFile(
      path.join(workDir, "dvc.lock"),
      `schema: '2.0'\nstages:\n  featurize:\n    cmd: python featurize.py\n    deps:\n    - path: src/featurize.py\n      hash: md5\n      md5: ${md5("code")}\n      size: 4\n    params:\n      params.yaml:\n        featurize.ngrams: 2\n    outs:\n    - path: data/features\n      hash: md5\n      md5: ${dirHash}\n      size: 2\n      nfiles: 1\n`,
    );
    const imported = await pedigree(
      "dataset",
      "import-dvc",
      "dvc.lock",
      "--dataset",
      "features",
      "--rows",
      "1",
      "--commit",
      "06ea4898",
      "--repo",
      "https://github.com/acme/churn",
    );
    expect(imported.stdout).toMatch(/^registered: features [0-9a-f]{64} · 1 rows · 1 partitions/);
    const featuresId = /features ([0-9a-f]{64})/.exec(imported.stdout)?.[1] ?? "";

    // A model version trained on both.
    const { prisma } = db();
    const experiment = await prisma.experiment.create({
      data: { name: "cli", artifactLocation: "/a" },
    });
    const trainId = (
      await prisma.datasetVersion.findFirstOrThrow({ where: { dataset: { name: "churn-train" } } })
    ).id;
    const runRow = await prisma.run.create({
      data: {
        experimentId: experiment.id,
        name: "nightly",
        startTime: new Date(0),
        artifactUri: "/a",
        params: { create: { key: "eta", value: "0.1" } },
        inputs: {
          create: [
            { datasetVersionId: trainId, context: "TRAINING" },
            { datasetVersionId: featuresId, context: "VALIDATION" },
          ],
        },
      },
    });
    const model = await prisma.registeredModel.create({ data: { name: "churn" } });
    await prisma.modelVersion.create({
      data: { modelId: model.id, version: 1, runId: runRow.id, source: "s" },
    });

    const provenance = await pedigree("provenance", "churn", "1");
    expect(provenance.stdout).toContain("churn v1 (none)");
    expect(provenance.stdout).toContain("  run       nightly");
    expect(provenance.stdout).toContain(
      `  training  churn-train ${trainId.slice(0, 12)} · 1 rows · 1 partitions`,
    );
    expect(provenance.stdout).toContain("MISSING   commit: this version fails the lineage gate");

    const manifest = await (
      await getManifest(
        new Request(`${url}/api/v1/models/churn/versions/1/manifest`, {
          headers: { authorization: `Bearer ${token}` },
        }),
        routeContext({ name: "churn", version: "1" }),
      )
    ).text();
    await writeFile(path.join(workDir, "manifest.json"), manifest);
    await mkdir(path.join(workDir, "replica/events/dt=2026-10-01"), { recursive: true });
    await writeFile(path.join(workDir, "replica/events/dt=2026-10-01/part-0.csv"), "a,b\n1,2\n");
    await mkdir(path.join(workDir, "replica/data/features"), { recursive: true });
    await writeFile(path.join(workDir, "replica/data/features/x.csv"), "x\n");
    const verified = await pedigree("manifest", "verify", "manifest.json", "--data-dir", "replica");
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(
      "partitions 2 ok, 0 mismatched, 0 not found, 0 not checkable",
    );

    await writeFile(path.join(workDir, "replica/data/features/x.csv"), "changed\n");
    const mismatched = await pedigree(
      "manifest",
      "verify",
      "manifest.json",
      "--data-dir",
      "replica",
    );
    expect(mismatched.code).toBe(1);
    expect(mismatched.stdout).toContain("MISMATCH  data/features");
    // Each CLI call is a process of its own: allow for a busy machine.
  }, 300_000);
});
