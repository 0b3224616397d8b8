"use client";

import { DEFAULT_RULE_THRESHOLDS, type MonitorRuleKind, validateRule } from "@pedigree/domain";
import { type FormEvent, useId, useState } from "react";
import type { MonitorRuleView } from "../types.ts";
import { useApiAction } from "./use-api-action.ts";

const RULE_KINDS: { kind: MonitorRuleKind; label: string; unit: string }[] = [
  { kind: "FEATURE_DRIFT", label: "Feature PSI above", unit: "PSI" },
  { kind: "DATASET_DRIFT", label: "Share of drifted features at least", unit: "share (0–1)" },
  { kind: "METRIC_BELOW", label: "Performance metric below", unit: "metric value" },
  { kind: "MISSING_SHARE", label: "Missing share up by more than", unit: "percentage points" },
];

interface RuleFormProps {
  model: string;
  /** The rule to edit; absent: a new rule. */
  rule?: MonitorRuleView;
  onDone?: () => void;
}

/** Adds or edits a rule; checked in the browser with the domain's own validation first. */
export function RuleForm({ model, rule, onDone }: RuleFormProps) {
  const id = useId();
  const action = useApiAction();
  const [name, setName] = useState(rule?.name ?? "");
  const [kind, setKind] = useState<MonitorRuleKind>(rule?.kind ?? "FEATURE_DRIFT");
  const [subject, setSubject] = useState(rule?.subject ?? "");
  const [threshold, setThreshold] = useState(
    String(rule?.threshold ?? DEFAULT_RULE_THRESHOLDS.FEATURE_DRIFT),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const unit = RULE_KINDS.find((option) => option.kind === kind)?.unit ?? "";
  const subjectLabel = kind === "METRIC_BELOW" ? "Metric key" : "Feature (empty: any)";

  function changeKind(next: MonitorRuleKind) {
    setKind(next);
    if (!rule) setThreshold(String(DEFAULT_RULE_THRESHOLDS[next]));
    if (next === "DATASET_DRIFT") setSubject("");
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = threshold.trim() === "" ? Number.NaN : Number(threshold);
    const input = {
      name: name.trim(),
      kind,
      subject: kind === "DATASET_DRIFT" || subject.trim() === "" ? null : subject.trim(),
      threshold: value,
    };
    const found = input.name ? validateRule(input) : "Give the rule a name";
    setProblem(found);
    if (found) return;
    const isSaved = rule
      ? await action.send(`/api/v1/monitor-rules/${encodeURIComponent(rule.id)}`, "PATCH", input)
      : await action.send(
          `/api/v1/models/${encodeURIComponent(model)}/monitor-rules`,
          "POST",
          input,
        );
    if (!isSaved) return;
    if (!rule) {
      setName("");
      setSubject("");
    }
    onDone?.();
  }

  const message = problem ?? action.error;
  const errorId = `${id}-error`;
  return (
    <form
      className="inline-form monitor-rule-form"
      onSubmit={handleSubmit}
      noValidate
      aria-label={rule ? `Edit rule ${rule.name}` : "New monitor rule"}
    >
      <div className="field field-grow">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="Any feature past PSI 0.2"
          aria-invalid={problem === "Give the rule a name"}
          aria-describedby={message ? errorId : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>Condition</label>
        <select
          id={`${id}-kind`}
          value={kind}
          onChange={(event) => changeKind(event.target.value as MonitorRuleKind)}
        >
          {RULE_KINDS.map((option) => (
            <option key={option.kind} value={option.kind}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      {kind === "DATASET_DRIFT" ? null : (
        <div className="field">
          <label htmlFor={`${id}-subject`}>{subjectLabel}</label>
          <input
            id={`${id}-subject`}
            value={subject}
            onChange={(event) => setSubject(event.target.value)}
            placeholder={kind === "METRIC_BELOW" ? "accuracy" : "any feature"}
            aria-describedby={message ? errorId : undefined}
          />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-threshold`}>Threshold ({unit})</label>
        <input
          id={`${id}-threshold`}
          inputMode="decimal"
          value={threshold}
          onChange={(event) => setThreshold(event.target.value)}
          aria-invalid={problem !== null && problem !== "Give the rule a name"}
          aria-describedby={message ? errorId : undefined}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={action.isBusy}>
          {rule ? "Save rule" : "Add rule"}
        </button>
        {onDone && rule ? (
          <button type="button" className="button button-quiet" onClick={onDone}>
            Cancel
          </button>
        ) : null}
      </div>
      {message ? (
        <p id={errorId} role="alert" className="form-error monitor-form-message">
          {message}
        </p>
      ) : null}
    </form>
  );
}
