import { createHash } from "node:crypto";

/** Python's json.dumps string quoting (ensure_ascii): JSON with every non-ASCII code unit escaped. */
function quoteLikePython(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * DVC's directory hash (dvc_data/hashfile/tree.py): md5 of
 * `json.dumps(sorted([{"md5", "relpath"}], key=relpath), sort_keys=True)` plus ".dir".
 * `relpath` is POSIX, relative to the directory.
 */
export function computeDvcDirHash(files: readonly { relpath: string; md5: string }[]): string {
  const sorted = [...files].sort((a, b) =>
    a.relpath < b.relpath ? -1 : a.relpath > b.relpath ? 1 : 0,
  );
  const json = `[${sorted
    .map((f) => `{"md5": ${quoteLikePython(f.md5)}, "relpath": ${quoteLikePython(f.relpath)}}`)
    .join(", ")}]`;
  return `${createHash("md5").update(json, "utf8").digest("hex")}.dir`;
}
