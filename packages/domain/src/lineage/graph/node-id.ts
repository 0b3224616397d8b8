import { ENTITY_KINDS, type EntityKind, type GraphEdge, type NodeId } from "./types.ts";

export function formatNodeId(kind: EntityKind, key: string): NodeId {
  return `${kind}:${key}`;
}

/** `<kind>:<key>` back into its parts; null for anything else (user input, so no throw). */
export function parseNodeId(id: string): { kind: EntityKind; key: string } | null {
  const colon = id.indexOf(":");
  if (colon <= 0 || colon === id.length - 1) return null;
  const kind = id.slice(0, colon);
  if (!(ENTITY_KINDS as readonly string[]).includes(kind)) return null;
  return { kind: kind as EntityKind, key: id.slice(colon + 1) };
}

/** A cluster is named by what it gathers, so the same cluster keeps its id between requests. */
export function formatClusterId(anchorId: NodeId, side: "up" | "down", memberKind: EntityKind) {
  return `cluster:${side}:${memberKind}:${anchorId}`;
}

export function parseClusterId(
  id: string,
): { anchorId: NodeId; side: "up" | "down"; memberKind: EntityKind } | null {
  const match = /^cluster:(up|down):([a-zA-Z]+):(.+)$/.exec(id);
  if (!match) return null;
  const [, side, memberKind, anchorId] = match as unknown as [
    string,
    "up" | "down",
    string,
    string,
  ];
  if (!(ENTITY_KINDS as readonly string[]).includes(memberKind) || !parseNodeId(anchorId)) {
    return null;
  }
  return { anchorId, side, memberKind: memberKind as EntityKind };
}

export function formatEdge(source: NodeId, target: NodeId): GraphEdge {
  return { id: `${source}->${target}`, source, target };
}
