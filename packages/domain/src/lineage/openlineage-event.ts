// Reading an OpenLineage event (spec 2-0-2) as leniently as Marquez does: what can be understood
// is kept (unknown facets included) and what is off is reported as warnings; only an event that
// cannot be placed (no eventTime, no job name, ...) is refused, naming the field.

export const RUN_STATES = ["START", "RUNNING", "COMPLETE", "FAIL", "ABORT", "OTHER"] as const;
export type RunState = (typeof RUN_STATES)[number];

export type Facets = Record<string, Record<string, unknown>>;

export interface DatasetRef {
  namespace: string;
  name: string;
  facets: Facets;
  /** inputFacets or outputFacets. */
  ioFacets: Facets;
}

interface EventBase {
  eventTime: Date;
  producer: string;
  schemaUrl: string;
  warnings: string[];
}

export interface RunEvent extends EventBase {
  kind: "run";
  eventType: RunState;
  runId: string;
  runFacets: Facets;
  job: { namespace: string; name: string; facets: Facets };
  inputs: DatasetRef[];
  outputs: DatasetRef[];
}

export interface JobEvent extends EventBase {
  kind: "job";
  job: { namespace: string; name: string; facets: Facets };
  inputs: DatasetRef[];
  outputs: DatasetRef[];
}

export interface DatasetEvent extends EventBase {
  kind: "dataset";
  dataset: DatasetRef;
}

export type LineageEventParsed = RunEvent | JobEvent | DatasetEvent;

export type ParseError = { field: string; message: string };

/** Required fields of the standard facets (spec/facets/*.json at the 2-0-2 snapshot). */
const REQUIRED_FACET_FIELDS: Record<string, readonly string[]> = {
  parent: ["run", "job"],
  nominalTime: ["nominalStartTime"],
  errorMessage: ["message", "programmingLanguage"],
  sourceCodeLocation: ["type", "url"],
  sourceCode: ["language", "sourceCode"],
  jobType: ["processingType", "integration"],
  sql: ["query"],
  version: ["datasetVersion"],
  storage: ["storageLayer"],
  lifecycleStateChange: ["lifecycleStateChange"],
  columnLineage: ["fields"],
  dataQualityMetrics: ["columnMetrics"],
  dataQualityAssertions: ["assertions"],
  datasetType: ["datasetType"],
  documentation: ["description"],
  externalQuery: ["externalQueryId", "source"],
  processing_engine: ["version"],
};

type Mapping = Record<string, unknown>;

function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** An ISO 8601 date-time; one without a zone is read as UTC (and said so). */
export function parseEventTime(
  text: string,
): { ok: true; value: Date; hadZone: boolean } | { ok: false } {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return { ok: false };
  const [, y, mo, d, h, mi, s = "0", fraction = "", zone] = match;
  const millis = Number(fraction.padEnd(3, "0").slice(0, 3));
  let time = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    millis,
  );
  if (zone && zone.toUpperCase() !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0");
    time -= sign * offset * 60_000;
  }
  if (Number.isNaN(time)) return { ok: false };
  return { ok: true, value: new Date(time), hadZone: zone !== undefined };
}

class Reader {
  readonly warnings: string[] = [];

  readFacets(raw: unknown, where: string): Facets {
    if (raw === undefined || raw === null) return {};
    if (!isMapping(raw)) {
      this.warnings.push(`${where}: not an object; ignored`);
      return {};
    }
    const facets: Facets = {};
    for (const [key, facet] of Object.entries(raw)) {
      if (!isMapping(facet)) {
        this.warnings.push(`${where}.${key}: a facet must be an object; ignored`);
        continue;
      }
      const missing = [
        ...(REQUIRED_FACET_FIELDS[key] ?? []),
        ...(facet._deleted === true ? [] : ["_producer", "_schemaURL"]),
      ].filter((field) => facet[field] === undefined);
      if (missing.length > 0 && facet._deleted !== true) {
        this.warnings.push(`${where}.${key}: missing ${missing.join(", ")}; kept as sent`);
      }
      facets[key] = facet;
    }
    return facets;
  }

  readDataset(raw: unknown, where: string, ioKey: string): DatasetRef | ParseError {
    if (!isMapping(raw)) return { field: where, message: "must be an object" };
    for (const key of ["namespace", "name"] as const) {
      if (typeof raw[key] !== "string" || raw[key] === "") {
        return { field: `${where}.${key}`, message: "is required (a non-empty string)" };
      }
    }
    return {
      namespace: raw.namespace as string,
      name: raw.name as string,
      facets: this.readFacets(raw.facets, `${where}.facets`),
      ioFacets: this.readFacets(raw[ioKey], `${where}.${ioKey}`),
    };
  }

  readDatasets(raw: unknown, where: string, ioKey: string): DatasetRef[] | ParseError {
    if (raw === undefined || raw === null) return [];
    if (!Array.isArray(raw)) return { field: where, message: "must be an array" };
    const datasets: DatasetRef[] = [];
    for (const [index, item] of raw.entries()) {
      const dataset = this.readDataset(item, `${where}[${index}]`, ioKey);
      if ("field" in dataset) return dataset;
      datasets.push(dataset);
    }
    return datasets;
  }

  readJob(raw: unknown): RunEvent["job"] | ParseError {
    if (!isMapping(raw)) return { field: "job", message: "is required (an object)" };
    for (const key of ["namespace", "name"] as const) {
      if (typeof raw[key] !== "string" || raw[key] === "") {
        return { field: `job.${key}`, message: "is required (a non-empty string)" };
      }
    }
    return {
      namespace: raw.namespace as string,
      name: raw.name as string,
      facets: this.readFacets(raw.facets, "job.facets"),
    };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Which event it is comes from its shape, not from schemaURL (producers write odd values there):
 * `dataset` makes a DatasetEvent, `run` a RunEvent, a `job` alone a JobEvent.
 */
export function parseLineageEvent(
  raw: unknown,
): { ok: true; value: LineageEventParsed } | { ok: false; error: ParseError } {
  const fail = (error: ParseError) => ({ ok: false as const, error });
  if (!isMapping(raw))
    return fail({ field: "(body)", message: "an OpenLineage event is a JSON object" });
  const reader = new Reader();
  if (typeof raw.eventTime !== "string") {
    return fail({ field: "eventTime", message: "is required (an ISO 8601 date-time)" });
  }
  const time = parseEventTime(raw.eventTime);
  if (!time.ok)
    return fail({
      field: "eventTime",
      message: `${JSON.stringify(raw.eventTime)} is not a date-time`,
    });
  if (!time.hadZone) reader.warnings.push("eventTime: no time zone; read as UTC");
  const producer = typeof raw.producer === "string" ? raw.producer : "";
  if (!producer) reader.warnings.push("producer: missing; stored as empty");
  const schemaUrl = typeof raw.schemaURL === "string" ? raw.schemaURL : "";
  if (!schemaUrl) reader.warnings.push("schemaURL: missing; stored as empty");
  const base = { eventTime: time.value, producer, schemaUrl, warnings: reader.warnings };

  if (raw.dataset !== undefined) {
    const dataset = reader.readDataset(raw.dataset, "dataset", "facets");
    if ("field" in dataset) return fail(dataset);
    dataset.ioFacets = {};
    if (raw.run !== undefined || raw.job !== undefined) {
      reader.warnings.push("dataset: a DatasetEvent carries no run or job; they were ignored");
    }
    return { ok: true, value: { kind: "dataset", ...base, dataset } };
  }

  const job = reader.readJob(raw.job);
  if ("field" in job) return fail(job);
  const inputs = reader.readDatasets(raw.inputs, "inputs", "inputFacets");
  if ("field" in inputs) return fail(inputs);
  const outputs = reader.readDatasets(raw.outputs, "outputs", "outputFacets");
  if ("field" in outputs) return fail(outputs);

  if (raw.run === undefined) {
    return { ok: true, value: { kind: "job", ...base, job, inputs, outputs } };
  }
  if (!isMapping(raw.run) || typeof raw.run.runId !== "string" || raw.run.runId === "") {
    return fail({ field: "run.runId", message: "is required (a UUID)" });
  }
  const runId = raw.run.runId;
  if (!UUID.test(runId)) reader.warnings.push("run.runId: not a UUID; kept as sent");
  let eventType: RunState = "OTHER";
  if (
    typeof raw.eventType === "string" &&
    (RUN_STATES as readonly string[]).includes(raw.eventType.toUpperCase())
  ) {
    eventType = raw.eventType.toUpperCase() as RunState;
  } else {
    reader.warnings.push(
      raw.eventType === undefined
        ? "eventType: missing; read as OTHER"
        : `eventType: ${JSON.stringify(raw.eventType)} is not one of ${RUN_STATES.join(", ")}; read as OTHER`,
    );
  }
  return {
    ok: true,
    value: {
      kind: "run",
      ...base,
      eventType,
      runId: UUID.test(runId) ? runId.toLowerCase() : runId,
      runFacets: reader.readFacets(raw.run.facets, "run.facets"),
      job,
      inputs,
      outputs,
    },
  };
}
