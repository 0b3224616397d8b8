"use client";

import { useState } from "react";
import type { MonitorRuleView } from "../types.ts";
import { RuleForm } from "./rule-form.tsx";
import { useApiAction } from "./use-api-action.ts";

/** The model's rules; engineers edit, disable or delete them in place. */
export function RulesTable({
  model,
  rules,
  canEdit,
}: {
  model: string;
  rules: MonitorRuleView[];
  canEdit: boolean;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const action = useApiAction();
  if (!rules.length) return <p className="status">No monitor rules yet.</p>;
  const ruleUrl = (id: string) => `/api/v1/monitor-rules/${encodeURIComponent(id)}`;
  return (
    <>
      <div className="table-scroll">
        <table className="table" aria-label="Monitor rules">
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Condition</th>
              <th scope="col">State</th>
              {canEdit ? <th scope="col">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) =>
              editing === rule.id ? (
                <tr key={rule.id}>
                  <td colSpan={canEdit ? 4 : 3}>
                    <RuleForm model={model} rule={rule} onDone={() => setEditing(null)} />
                  </td>
                </tr>
              ) : (
                <tr key={rule.id} className={rule.isEnabled ? undefined : "monitor-disabled"}>
                  <td>{rule.name}</td>
                  <td>
                    <code>{rule.description}</code>
                  </td>
                  <td>{rule.isEnabled ? "Enabled" : "Disabled"}</td>
                  {canEdit ? (
                    <td className="actions">
                      <button
                        type="button"
                        className="button"
                        onClick={() => setEditing(rule.id)}
                        aria-label={`Edit ${rule.name}`}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="button"
                        disabled={action.isBusy}
                        onClick={() =>
                          action.send(ruleUrl(rule.id), "PATCH", { isEnabled: !rule.isEnabled })
                        }
                        aria-label={`${rule.isEnabled ? "Disable" : "Enable"} ${rule.name}`}
                      >
                        {rule.isEnabled ? "Disable" : "Enable"}
                      </button>
                      <button
                        type="button"
                        className="button button-danger"
                        disabled={action.isBusy}
                        onClick={() => action.send(ruleUrl(rule.id), "DELETE")}
                        aria-label={`Delete ${rule.name} and its triggers`}
                      >
                        Delete
                      </button>
                    </td>
                  ) : null}
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      {action.error ? (
        <p role="alert" className="form-error">
          {action.error}
        </p>
      ) : null}
    </>
  );
}
