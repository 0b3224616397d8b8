"use client";

import { useState } from "react";
import { TEXT_PREVIEW_BYTES } from "../../artifacts/content-type.ts";
import { useArtifactText } from "../queries.ts";
import styles from "./artifacts.module.css";
import { formatBytes } from "./format-value.ts";

/** A text artifact's first 64 KiB, as text (React escapes it; nothing is parsed as HTML). */
function TextPreview({ url, path }: { url: string; path: string }) {
  const answer = useArtifactText(url);
  if (answer.isPending) return <p role="status">Loading preview…</p>;
  if (answer.isError) return <p role="alert">Could not load the preview: {answer.error.message}</p>;
  const { text, size, isTruncated } = answer.data;
  return (
    <>
      {isTruncated ? (
        <p className="muted">
          Truncated: showing the first {formatBytes(TEXT_PREVIEW_BYTES)} of {formatBytes(size)}.
          Download the file for the rest.
        </p>
      ) : null}
      <figure className={styles.previewFigure} aria-label={`Preview of ${path}`}>
        <pre className={styles.previewText}>{text}</pre>
      </figure>
    </>
  );
}

/** An image served by our own route with its real type (png, jpeg, gif, webp; never SVG). */
function ImagePreview({ url, path }: { url: string; path: string }) {
  const [state, setState] = useState<"loading" | "loaded" | "failed">("loading");
  return (
    <>
      {state === "loading" ? <p role="status">Loading preview…</p> : null}
      {state === "failed" ? <p role="alert">Could not load the image.</p> : null}
      {/* biome-ignore lint/performance/noImgElement: a user's artifact, not a static asset to optimise. */}
      <img
        className={styles.previewImage}
        src={url}
        alt={`Preview of ${path}`}
        hidden={state !== "loaded"}
        onLoad={() => setState("loaded")}
        onError={() => setState("failed")}
      />
    </>
  );
}

export function ArtifactPreview(props: { kind: "text" | "image"; url: string; path: string }) {
  return props.kind === "text" ? <TextPreview {...props} /> : <ImagePreview {...props} />;
}
