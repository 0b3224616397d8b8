import type { EntityKind } from "@pedigree/domain";

/** One answer of GET /api/v1/lineage/search: a node to centre the graph on. */
export interface LineageSearchHit {
  nodeId: string;
  kind: EntityKind;
  label: string;
  detail: string;
}
