// How an artifact's bytes are served and previewed, from its file name alone (never sniffed).
// Browser- and server-safe: the run page decides what it can preview with the same table.

export type PreviewKind = "text" | "image";

interface FileKind {
  contentType: string;
  /** Shown in the page: images through <img>, text as text in a <pre>. */
  preview: PreviewKind | null;
}

const TEXT = "text/plain; charset=utf-8";

const KINDS: Record<string, FileKind> = {
  ".txt": { contentType: TEXT, preview: "text" },
  ".log": { contentType: TEXT, preview: "text" },
  ".md": { contentType: "text/markdown; charset=utf-8", preview: "text" },
  ".json": { contentType: "application/json", preview: "text" },
  ".yaml": { contentType: "text/yaml; charset=utf-8", preview: "text" },
  ".yml": { contentType: "text/yaml; charset=utf-8", preview: "text" },
  ".csv": { contentType: "text/csv; charset=utf-8", preview: "text" },
  ".tsv": { contentType: "text/tab-separated-values; charset=utf-8", preview: "text" },
  ".py": { contentType: TEXT, preview: "text" },
  ".html": { contentType: "text/html; charset=utf-8", preview: "text" },
  // SVG can carry script: previewed as its source text, downloaded as an attachment only.
  ".svg": { contentType: "image/svg+xml", preview: "text" },
  ".png": { contentType: "image/png", preview: "image" },
  ".jpg": { contentType: "image/jpeg", preview: "image" },
  ".jpeg": { contentType: "image/jpeg", preview: "image" },
  ".gif": { contentType: "image/gif", preview: "image" },
  ".webp": { contentType: "image/webp", preview: "image" },
};

/** Files without an extension that MLflow writes as text (MLmodel, requirements ...). */
const TEXT_NAMES = new Set(["MLmodel", "MLproject", "LICENSE", "README", "Dockerfile"]);

const OCTETS: FileKind = { contentType: "application/octet-stream", preview: null };

function readExtension(name: string): string {
  const base = name.slice(name.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot).toLowerCase() : "";
}

export function readFileKind(name: string): FileKind {
  const kind = KINDS[readExtension(name)];
  if (kind) return kind;
  return TEXT_NAMES.has(name.slice(name.lastIndexOf("/") + 1))
    ? { contentType: TEXT, preview: "text" }
    : OCTETS;
}

/** Content types a browser may show in place: they run no script. Everything else downloads. */
const INLINE_TYPES = new Set([TEXT, "image/png", "image/jpeg", "image/gif", "image/webp"]);

export function isInlineSafe(contentType: string): boolean {
  return INLINE_TYPES.has(contentType);
}

/** The largest part of a text artifact the run page shows. */
export const TEXT_PREVIEW_BYTES = 64 * 1024;
