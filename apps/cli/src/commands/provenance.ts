import { resolveServer } from "../env.ts";
import { callApi } from "../http/api-client.ts";

/** GET /api/v1/models/{name}/versions/{version}/provenance, as the server answers it. */
export interface Provenance {
  modelVersion: { name: string; version: number; stage: string };
  run: { id: string; name: string } | null;
  datasetVersions: {
    id: string;
    name: string;
    context: string;
    rowCount: number;
    partitions: {
      uri: string;
      checksum: string;
      rowCount: number | null;
      partitionKey?: string | null;
    }[];
  }[];
  commit: { sha: string; repo: string; message: string } | null;
  params: Record<string, string>;
  missing: string[];
}

const rows = (count: number | null) =>
  count === null ? "? rows" : `${count.toLocaleString("en-US")} rows`;

/** The answer as text a person reads in a terminal: what a model version was trained on. */
export function formatProvenance(answer: Provenance, showPartitions: boolean): string {
  const { modelVersion: mv } = answer;
  const lines = [`${mv.name} v${mv.version} (${mv.stage.toLowerCase()})`];
  lines.push(`  run       ${answer.run ? `${answer.run.name} (${answer.run.id})` : "MISSING"}`);
  lines.push(
    `  commit    ${answer.commit ? `${answer.commit.repo} @ ${answer.commit.sha.slice(0, 12)}${answer.commit.message ? ` "${answer.commit.message.split("\n")[0]}"` : ""}` : "MISSING"}`,
  );
  const params = Object.entries(answer.params);
  lines.push(
    `  params    ${params.length === 0 ? "(none)" : params.map(([k, v]) => `${k}=${v}`).join(" ")}`,
  );
  if (answer.datasetVersions.length === 0) lines.push("  data      MISSING: no dataset version");
  for (const dv of answer.datasetVersions) {
    const keys = dv.partitions.map((p) => p.partitionKey ?? p.uri).sort();
    const range = keys.length > 1 ? `${keys[0]} … ${keys[keys.length - 1]}` : (keys[0] ?? "");
    lines.push(
      `  ${dv.context.padEnd(9)} ${dv.name} ${dv.id.slice(0, 12)} · ${rows(dv.rowCount)} · ${dv.partitions.length} partitions ${range}`,
    );
    if (showPartitions) {
      for (const p of dv.partitions)
        lines.push(`              ${p.uri}  ${p.checksum}  ${rows(p.rowCount)}`);
    }
  }
  if (answer.missing.length > 0) {
    lines.push(`  MISSING   ${answer.missing.join(", ")}: this version fails the lineage gate`);
  }
  return lines.join("\n");
}

/** `pedigree provenance <model> <version> [--partitions] [--json]`. */
export async function printProvenance(
  model: string,
  version: string,
  options: { showPartitions: boolean; isJson: boolean },
): Promise<void> {
  const path = `/api/v1/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}/provenance`;
  const { body } = await callApi<Provenance>(resolveServer(), "GET", path);
  console.log(
    options.isJson ? JSON.stringify(body, null, 2) : formatProvenance(body, options.showPartitions),
  );
}
