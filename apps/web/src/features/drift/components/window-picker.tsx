"use client";

import { useRouter } from "next/navigation";
import { useId } from "react";
import type { DriftWindowView } from "../types.ts";
import { driftHref } from "./drift-url.ts";

interface WindowPickerProps {
  base: string;
  deployment: string;
  feature: string | null;
  windows: DriftWindowView[];
  selected: string;
}

const formatWindow = (window: DriftWindowView): string =>
  `${window.windowStart.slice(0, 10)} → ${window.windowEnd.slice(0, 10)}${
    window.isTooFewRows ? " (too few rows)" : ""
  }`;

/** A <select> of the deployment's windows, newest first; choosing one changes the URL. */
export function WindowPicker({ base, deployment, feature, windows, selected }: WindowPickerProps) {
  const router = useRouter();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Window</label>
      <select
        id={id}
        value={selected}
        onChange={(event) =>
          router.push(driftHref(base, { deployment, window: event.target.value, feature }))
        }
      >
        {windows.map((window) => (
          <option key={window.windowStart} value={window.windowStart}>
            {formatWindow(window)}
          </option>
        ))}
      </select>
    </div>
  );
}
