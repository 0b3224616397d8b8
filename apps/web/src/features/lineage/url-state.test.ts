import { describe, expect, it } from "vitest";
import { formatLineageUrl, lineageHref, parseLineageUrl } from "./url-state.ts";

describe("lineage URL state", () => {
  it("round-trips centre, depth, direction, expanded clusters and selection", () => {
    const url = formatLineageUrl({
      node: "modelVersion:abc",
      depth: 3,
      direction: "up",
      expand: new Map([
        ["cluster:up:partition:datasetVersion:d1", 2],
        ["cluster:down:run:datasetVersion:d1", 0],
      ]),
      selected: "run:r1",
    });
    const params = Object.fromEntries(new URL(url, "http://x").searchParams);
    const state = parseLineageUrl(params);
    expect(state).toEqual({
      node: "modelVersion:abc",
      depth: 3,
      direction: "up",
      expand: new Map([
        ["cluster:up:partition:datasetVersion:d1", 2],
        ["cluster:down:run:datasetVersion:d1", 0],
      ]),
      selected: "run:r1",
    });
  });

  it("falls back to depth 2, both directions, for values out of range", () => {
    expect(parseLineageUrl({ node: "run:r", depth: "9", direction: "sideways" })).toMatchObject({
      depth: 2,
      direction: "both",
    });
    expect(lineageHref("run:r 1")).toBe("/lineage?node=run%3Ar+1");
  });
});
