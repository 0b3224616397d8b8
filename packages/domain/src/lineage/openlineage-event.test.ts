import { describe, expect, it } from "vitest";
import { parseEventTime, parseLineageEvent } from "./openlineage-event.ts";
import {
  mergeRunEvents,
  type RunEventFacts,
  readModelVersionFacet,
  readSourceCodeCommit,
  toDatasetLocation,
} from "./openlineage-merge.ts";

const PRODUCER = "https://github.com/acme/ml-platform/tree/v0.4.0/lineage-emitter";
const facet = (fields: object) => ({
  _producer: PRODUCER,
  _schemaURL: "https://x/F.json",
  ...fields,
});

const runEvent = {
  eventType: "COMPLETE",
  eventTime: "2025-06-02T03:41:57.003Z",
  producer: PRODUCER,
  schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
  run: { runId: "01974A3C-5F10-7C2E-9B41-3D2F6A8E0C11" },
  job: { namespace: "airflow-prod", name: "churn_pipeline.train_model" },
  inputs: [{ namespace: "s3://acme-ml-datasets", name: "churn/training" }],
  outputs: [
    {
      namespace: "s3://acme-ml-models",
      name: "churn-classifier/12/model.pkl",
      facets: { version: facet({ datasetVersion: "12" }) },
      outputFacets: { outputStatistics: facet({ size: 1958115 }) },
    },
  ],
};

describe("parseEventTime", () => {
  it("reads offsets, microseconds and a missing zone (as UTC)", () => {
    const withOffset = parseEventTime("2020-12-28T19:52:00.001+10:00");
    expect(withOffset).toEqual({
      ok: true,
      value: new Date("2020-12-28T09:52:00.001Z"),
      hadZone: true,
    });
    const micro = parseEventTime("2024-11-26T13:06:09.256873+00:00");
    expect(micro.ok && micro.value.toISOString()).toBe("2024-11-26T13:06:09.256Z");
    expect(parseEventTime("2021-11-03T10:53:52.427343")).toEqual({
      ok: true,
      value: new Date("2021-11-03T10:53:52.427Z"),
      hadZone: false,
    });
    expect(parseEventTime("yesterday")).toEqual({ ok: false });
  });
});

describe("parseLineageEvent", () => {
  it("reads a RunEvent with its datasets and facets", () => {
    const parsed = parseLineageEvent(runEvent);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || parsed.value.kind !== "run") throw new Error("not a run event");
    expect(parsed.value).toMatchObject({
      eventType: "COMPLETE",
      runId: "01974a3c-5f10-7c2e-9b41-3d2f6a8e0c11",
      job: { namespace: "airflow-prod", name: "churn_pipeline.train_model", facets: {} },
      warnings: [],
    });
    expect(parsed.value.outputs[0]?.ioFacets.outputStatistics?.size).toBe(1958115);
  });

  it("tells JobEvents and DatasetEvents by their shape, whatever schemaURL says", () => {
    const { run: _run, eventType: _type, ...job } = runEvent;
    const asJob = parseLineageEvent({ ...job, schemaURL: "file:/__w/1/s/spec.json#RunEvent" });
    expect(asJob.ok && asJob.value.kind).toBe("job");
    const dataset = parseLineageEvent({
      eventTime: "2025-06-01T23:59:01Z",
      producer: PRODUCER,
      schemaURL: "x",
      dataset: { namespace: "s3://acme-raw", name: "events/crm/dt=2025-06-01" },
    });
    expect(dataset.ok && dataset.value.kind).toBe("dataset");
  });

  it("keeps what it can and warns: no zone, unknown event type, facets failing their schema", () => {
    const parsed = parseLineageEvent({
      ...runEvent,
      eventTime: "2025-06-02T03:41:57",
      eventType: "PAUSED",
      job: {
        ...runEvent.job,
        facets: {
          sourceCodeLocation: { url: "https://github.com/acme/churn" },
          acme_costCenter: facet({ team: "growth" }),
          broken: "not an object",
        },
      },
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || parsed.value.kind !== "run") throw new Error("not a run event");
    expect(parsed.value.eventType).toBe("OTHER");
    expect(parsed.value.job.facets.acme_costCenter?.team).toBe("growth");
    expect(parsed.value.job.facets.sourceCodeLocation).toEqual({
      url: "https://github.com/acme/churn",
    });
    expect(parsed.value.warnings).toEqual([
      "eventTime: no time zone; read as UTC",
      "job.facets.sourceCodeLocation: missing type, _producer, _schemaURL; kept as sent",
      "job.facets.broken: a facet must be an object; ignored",
      'eventType: "PAUSED" is not one of START, RUNNING, COMPLETE, FAIL, ABORT, OTHER; read as OTHER',
    ]);
  });

  it("refuses only what cannot be understood, naming the field", () => {
    const refuse = (event: unknown) => {
      const parsed = parseLineageEvent(event);
      return parsed.ok ? null : parsed.error.field;
    };
    const { eventTime: _time, ...noTime } = runEvent;
    expect(refuse(noTime)).toBe("eventTime");
    expect(refuse({ ...runEvent, eventTime: "soon" })).toBe("eventTime");
    expect(refuse({ ...runEvent, job: { namespace: "a" } })).toBe("job.name");
    expect(refuse({ ...runEvent, job: undefined })).toBe("job");
    expect(refuse({ ...runEvent, run: {} })).toBe("run.runId");
    expect(refuse({ ...runEvent, inputs: [{ namespace: "s3://x" }] })).toBe("inputs[0].name");
    expect(refuse({ ...runEvent, outputs: {} })).toBe("outputs");
    expect(refuse([])).toBe("(body)");
  });
});

describe("mergeRunEvents", () => {
  const at = (minute: number) => new Date(Date.UTC(2025, 5, 2, 3, minute));
  it("accumulates facets and ends in the terminal state whatever the arrival order", () => {
    const events: RunEventFacts[] = [
      { eventType: "COMPLETE", eventTime: at(9), runFacets: { b: { v: 2 } } },
      { eventType: "START", eventTime: at(1), runFacets: { a: { v: 1 }, b: { v: 1 } } },
      { eventType: "OTHER", eventTime: at(10), runFacets: {} },
      { eventType: "RUNNING", eventTime: at(5), runFacets: { c: { v: 3 } } },
    ];
    const merged = mergeRunEvents(events);
    expect(merged).toEqual({
      state: "COMPLETE",
      startedAt: at(1),
      endedAt: at(9),
      facets: { a: { v: 1 }, b: { v: 2 }, c: { v: 3 } },
      parentRunId: null,
      lastEventAt: at(10),
    });
    expect(mergeRunEvents([...events].reverse())).toEqual(merged);
    expect(mergeRunEvents(events.slice(1)).state).toBe("RUNNING");
  });

  it("reads the parent run and removes deleted facets", () => {
    const merged = mergeRunEvents([
      {
        eventType: "START",
        eventTime: at(1),
        runFacets: { parent: { run: { runId: "ABC" }, job: {} }, x: { v: 1 } },
      },
      { eventType: "FAIL", eventTime: at(2), runFacets: { x: { _deleted: true } } },
    ]);
    expect(merged).toMatchObject({ state: "FAIL", parentRunId: "abc", facets: { parent: {} } });
    expect(merged.facets.x).toBeUndefined();
  });
});

describe("mapping helpers", () => {
  it("takes a commit only from a sourceCodeLocation with a SHA version", () => {
    const sha = "0123456789abcdef0123456789abcdef01234567";
    expect(
      readSourceCodeCommit({
        sourceCodeLocation: {
          type: "git",
          url: "https://x/y",
          repoUrl: "git@x:y.git",
          version: sha,
        },
      }),
    ).toEqual({ repo: "git@x:y.git", sha });
    expect(
      readSourceCodeCommit({
        sourceCodeLocation: { type: "git", url: "https://x", version: "main" },
      }),
    ).toBeNull();
    expect(readSourceCodeCommit({})).toBeNull();
  });

  it("reads the explicit model facet and joins locations", () => {
    expect(
      readModelVersionFacet({ pedigree_modelVersion: { name: "churn", version: "12" } }),
    ).toEqual({
      name: "churn",
      version: 12,
    });
    expect(
      readModelVersionFacet({ pedigree_modelVersion: { name: "churn", version: "v12" } }),
    ).toBeNull();
    expect(toDatasetLocation("s3://acme-ml-models/", "/churn/12/model.pkl")).toBe(
      "s3://acme-ml-models/churn/12/model.pkl",
    );
  });
});
