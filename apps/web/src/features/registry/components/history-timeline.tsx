"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { formatDateTime, formatEnumLabel } from "../../../ui/format.ts";
import { useModelHistory } from "../queries.ts";
import { ApiErrorMessage } from "./api-error-message.tsx";
import { findAnswerIndex, readAt } from "./history-at.ts";

export function HistoryTimeline({ model }: { model: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const at = readAt(searchParams.get("at"));
  const history = useModelHistory(model, at?.iso ?? null);

  function setDay(day: string) {
    const params = new URLSearchParams(searchParams.toString());
    if (day) params.set("at", day);
    else params.delete("at");
    const query = params.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }

  const data = history.data;
  const transitions = data
    ? [...data.transitions].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    : [];
  const answerIndex = data ? findAnswerIndex(transitions, data.productionVersion, data.at) : -1;
  return (
    <>
      <div className="inline-form">
        <div className="field">
          <label htmlFor="history-at">Which version was in production on</label>
          <input
            id="history-at"
            type="date"
            value={at?.day ?? ""}
            onChange={(event) => setDay(event.target.value)}
          />
        </div>
        {at ? (
          <button type="button" className="button button-quiet" onClick={() => setDay("")}>
            Show now
          </button>
        ) : null}
      </div>
      <ApiErrorMessage error={history.error} />
      {history.isPending ? <p className="muted">Loading the history…</p> : null}
      {data ? (
        <p role="status" className="answer">
          {at ? `At the end of ${at.day} (UTC), ` : "Now, "}
          {data.productionVersion === null
            ? "no version was in production."
            : `v${data.productionVersion} ${at ? "was" : "is"} in production.`}
        </p>
      ) : null}
      {data && transitions.length === 0 ? <p>No stage changes recorded yet.</p> : null}
      {transitions.length ? (
        <ol className="timeline" aria-label="Stage changes">
          {transitions.map((t, index) => (
            <li
              key={`${t.version}-${t.createdAt}-${t.toStage}`}
              className={`timeline-item${index === answerIndex ? " is-answer" : ""}`}
              aria-current={index === answerIndex ? "true" : undefined}
            >
              <strong>
                v{t.version}: {formatEnumLabel(t.fromStage)} → {formatEnumLabel(t.toStage)}
              </strong>
              {t.kind === "ROLLBACK" ? " (rollback)" : null}
              <br />
              <span className="muted">
                <time dateTime={t.createdAt}>{formatDateTime(t.createdAt)}</time> by{" "}
                {t.actor?.name ?? "the system"}
              </span>
              {t.reason ? <p className="cell-note">{t.reason}</p> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}
