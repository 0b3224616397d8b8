// `pnpm pedigree <command>`: the operators' and pipelines' command line. Commands are imported
// when called, so that `db status` does not load the demo generator.
import { parseArgs } from "node:util";

const USAGE = `usage: pnpm pedigree <command>

  db migrate                 apply pending migrations (DATABASE_URL, or the embedded database)
  db status                  show the database and its pending migrations (exit 3 if any)
  demo seed [--seed N] [--now ISO-DATE] [--if-empty]
                             write the deterministic demo data set into an empty database
  user create --email E --name N --role viewer|engineer|approver|admin
                             create an account; the password is read from standard input
  profile build --input F.csv|.jsonl|.parquet --features a,b [--categorical b] [--label y]
                (--reference | --baseline baseline.json) --out profile.json [--quiet]
                             feature profiles of a file (streamed; a window reuses the baseline's bins)
  profile push --profile P (--dataset-version ID | --deployment ID --window-start ISO
                --window-end ISO [--metric accuracy=0.93 ...] [--metrics metrics.json])
                             send a baseline or a window (PEDIGREE_URL, PEDIGREE_TOKEN)
  dataset register --file version.json
                             register a dataset version (PEDIGREE_URL, PEDIGREE_TOKEN)
  dataset import-dvc <file.dvc|dvc.lock> --dataset NAME --rows N [--stage S]
                [--commit SHA --repo URL] [--dry-run]
                             register a DVC stage's outputs as a dataset version
  provenance <model> <version> [--partitions] [--json]
                             what a model version was trained on
  manifest verify <manifest.json> [--data-dir DIR]
                             recompute dataset version ids and local checksums (exit 1 on mismatch)

Environment: DATABASE_URL (PostgreSQL server) or PEDIGREE_DATA_DIR (embedded database folder).`;

type Command = (args: string[]) => Promise<void>;

const commands: Record<string, Command> = {
  "db migrate": async () => (await import("./commands/db.ts")).migrate(),
  "db status": async () => (await import("./commands/db.ts")).status(),
  "demo seed": async (args) => {
    const { values } = parseArgs({
      args,
      options: {
        seed: { type: "string", default: "42" },
        now: { type: "string" },
        "if-empty": { type: "boolean", default: false },
      },
    });
    const seedNumber = Number(values.seed);
    if (!Number.isInteger(seedNumber)) throw new Error("--seed must be an integer");
    const { DEMO_NOW, seed } = await import("./commands/demo.ts");
    const now = values.now ? new Date(values.now) : DEMO_NOW;
    if (Number.isNaN(now.getTime()))
      throw new Error("--now must be an ISO date such as 2026-11-25");
    await seed({ seed: seedNumber, now, ifEmpty: values["if-empty"] });
  },
  "profile build": async (args) => {
    const { values } = parseArgs({
      args,
      options: {
        input: { type: "string" },
        features: { type: "string" },
        categorical: { type: "string" },
        label: { type: "string" },
        baseline: { type: "string" },
        reference: { type: "boolean", default: false },
        out: { type: "string" },
        quiet: { type: "boolean", default: false },
      },
    });
    if (!values.input || !values.features || !values.out)
      throw new Error("--input, --features and --out are required");
    const { build } = await import("./commands/profile.ts");
    await build({ ...values, input: values.input, features: values.features, out: values.out });
  },
  "profile push": async (args) => {
    const { values } = parseArgs({
      args,
      options: {
        profile: { type: "string" },
        "dataset-version": { type: "string" },
        deployment: { type: "string" },
        "window-start": { type: "string" },
        "window-end": { type: "string" },
        metric: { type: "string", multiple: true, default: [] },
        metrics: { type: "string" },
      },
    });
    if (!values.profile) throw new Error("--profile is required");
    const { push } = await import("./commands/profile.ts");
    await push({
      profile: values.profile,
      datasetVersion: values["dataset-version"],
      deployment: values.deployment,
      windowStart: values["window-start"],
      windowEnd: values["window-end"],
      metric: values.metric,
      metrics: values.metrics,
    });
  },
  "user create": async (args) => {
    const { values } = parseArgs({
      args,
      options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" } },
    });
    if (!values.email || !values.name || !values.role)
      throw new Error("--email, --name and --role are required");
    const { createUser } = await import("./commands/user.ts");
    await createUser({ email: values.email, name: values.name, role: values.role });
  },
  "dataset register": async (args) => {
    const { values } = parseArgs({ args, options: { file: { type: "string" } } });
    if (!values.file) throw new Error("--file is required");
    await (await import("./commands/dataset.ts")).registerFile(values.file);
  },
  "dataset import-dvc": async (args) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        dataset: { type: "string" },
        rows: { type: "string" },
        stage: { type: "string" },
        commit: { type: "string" },
        repo: { type: "string" },
        "dry-run": { type: "boolean", default: false },
      },
    });
    const [file] = positionals;
    if (!file || !values.dataset)
      throw new Error("a .dvc file or dvc.lock and --dataset are required");
    const rows = Number(values.rows);
    if (!Number.isSafeInteger(rows) || rows < 0) {
      throw new Error("--rows N is required: DVC does not record row counts");
    }
    if (Boolean(values.commit) !== Boolean(values.repo)) {
      throw new Error("--commit and --repo go together");
    }
    await (await import("./commands/dataset.ts")).importDvc(file, {
      dataset: values.dataset,
      rows,
      stage: values.stage ?? null,
      commit: values.commit && values.repo ? { repo: values.repo, sha: values.commit } : null,
      isDryRun: values["dry-run"],
    });
  },
  provenance: async (args) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        partitions: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
      },
    });
    const [model, version] = positionals;
    if (!model || !version) throw new Error("usage: pedigree provenance <model> <version>");
    await (await import("./commands/provenance.ts")).printProvenance(model, version, {
      showPartitions: values.partitions,
      isJson: values.json,
    });
  },
  "manifest verify": async (args) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { "data-dir": { type: "string" } },
    });
    const [file] = positionals;
    if (!file) throw new Error("the manifest file is required");
    await (await import("./commands/manifest.ts")).verifyManifest(file, values["data-dir"] ?? null);
  },
};

const [group = "", action = "", ...rest] = process.argv.slice(2);
// One-word commands (`provenance <model> <version>`) take the second word as an argument.
const twoWordCommand = commands[`${group} ${action}`];
const command = twoWordCommand ?? commands[group];
const commandArgs = twoWordCommand ? rest : [action, ...rest];
if (!command) {
  console.error(USAGE);
  process.exit(group === "help" || group === "--help" ? 0 : 2);
}
try {
  await command(commandArgs);
} catch (error) {
  console.error(`pedigree: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
