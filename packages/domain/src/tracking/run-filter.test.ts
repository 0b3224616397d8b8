import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_FILTER_CLAUSES, parseFilter } from "./filter.ts";
import { parseRunFilter } from "./run-filter.ts";
import { parseRunOrderBy } from "./run-order.ts";

function parsed(text: string) {
  const result = parseRunFilter(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function failure(text: string) {
  const result = parseRunFilter(text);
  if (result.ok) throw new Error(`expected ${text} to fail`);
  return result.error;
}

describe("parseRunFilter", () => {
  it("reads an empty or blank filter as no clause", () => {
    expect(parsed("")).toEqual([]);
    expect(parsed("   ")).toEqual([]);
  });

  it("reads metrics, params, tags and attributes joined by AND in any case", () => {
    expect(
      parsed(
        "metrics.rmse < 1 and params.model_class = 'LogisticRegression' AND tags.`mlflow.source.git.commit` = 'a1b2' And attributes.status = 'FINISHED'",
      ),
    ).toEqual([
      { entity: "metric", key: "rmse", operator: "<", value: 1 },
      { entity: "param", key: "model_class", operator: "=", value: "LogisticRegression" },
      { entity: "tag", key: "mlflow.source.git.commit", operator: "=", value: "a1b2" },
      { entity: "attribute", key: "status", operator: "=", value: "FINISHED" },
    ]);
  });

  it("reads backticked and double-quoted keys with spaces and dashes", () => {
    expect(parsed('metrics.`f1 score` >= 0.5 AND metrics."model-class" != 2')).toEqual([
      { entity: "metric", key: "f1 score", operator: ">=", value: 0.5 },
      { entity: "metric", key: "model-class", operator: "!=", value: 2 },
    ]);
  });

  it("splits an unquoted identifier on the first dot only", () => {
    expect(parsed("tags.mlflow.user = 'ann'")).toEqual([
      { entity: "tag", key: "mlflow.user", operator: "=", value: "ann" },
    ]);
  });

  it("reads both quote kinds for strings, with doubled quotes inside", () => {
    expect(parsed(`params.a = "x y" AND params.b = 'it''s'`)).toEqual([
      { entity: "param", key: "a", operator: "=", value: "x y" },
      { entity: "param", key: "b", operator: "=", value: "it's" },
    ]);
  });

  it("reads integers, decimals, negatives and scientific notation", () => {
    const values = parsed(
      "metrics.a > -3 AND metrics.b < 1e-3 AND metrics.c >= 2.5E+4 AND metrics.d <= .5",
    ).map((clause) => ("value" in clause ? clause.value : null));
    expect(values).toEqual([-3, 0.001, 25000, 0.5]);
  });

  it("resolves every entity alias", () => {
    const text = [
      "metric.a = 1",
      "param.b = 'x'",
      "parameters.c = 'x'",
      "tag.d = 'x'",
      "attribute.status = 'RUNNING'",
      "attr.run_name = 'r'",
      "run.user_id = 'u'",
      "dataset.name = 'n'",
    ].join(" AND ");
    expect(parsed(text).map((clause) => clause.entity)).toEqual([
      "metric",
      "param",
      "param",
      "tag",
      "attribute",
      "attribute",
      "attribute",
      "dataset",
    ]);
  });

  it("reads unprefixed attributes and their aliases", () => {
    expect(
      parsed(
        "status = 'FINISHED' AND created > 1700000000000 AND end_time <= 5 AND `run name` LIKE 'a%'",
      ),
    ).toEqual([
      { entity: "attribute", key: "status", operator: "=", value: "FINISHED" },
      { entity: "attribute", key: "start_time", operator: ">", value: 1700000000000 },
      { entity: "attribute", key: "end_time", operator: "<=", value: 5 },
      { entity: "attribute", key: "run_name", operator: "LIKE", value: "a%" },
    ]);
  });

  it("reads IN and NOT IN lists for run_id and datasets", () => {
    expect(
      parsed(
        "attributes.run_id IN ('a', \"b\") AND datasets.digest NOT IN ('d1') AND artifact_uri ILIKE '%s3%'",
      ),
    ).toEqual([
      { entity: "attribute", key: "run_id", operator: "IN", values: ["a", "b"] },
      { entity: "dataset", key: "digest", operator: "NOT IN", values: ["d1"] },
      { entity: "attribute", key: "artifact_uri", operator: "ILIKE", value: "%s3%" },
    ]);
  });

  it("reads IS NULL and IS NOT NULL on params and tags", () => {
    expect(parsed("params.lr IS NULL AND tags.x is not null")).toEqual([
      { entity: "param", key: "lr", operator: "IS NULL" },
      { entity: "tag", key: "x", operator: "IS NOT NULL" },
    ]);
  });

  it("parses the clause the MLflow client appends to registry searches", () => {
    const result = parseFilter("name = 'm' AND tag.`mlflow.prompt.is_prompt` != 'true'");
    expect(result.ok && result.value[1]).toMatchObject({
      entity: "tag",
      key: "mlflow.prompt.is_prompt",
      operator: "!=",
      value: { kind: "string", value: "true" },
    });
  });

  it("rejects OR, NOT and parentheses with the position and what was expected", () => {
    expect(failure("metrics.a > 1 OR metrics.b > 2")).toMatchObject({
      position: 14,
      expected: "AND (OR is not supported)",
    });
    expect(failure("(metrics.a > 1)").position).toBe(0);
    expect(failure("NOT metrics.a > 1").expected).toContain("NOT is not supported");
  });

  it("does not take Object.prototype's members for entities or attributes", () => {
    expect(failure("constructor.x = 'a'").expected).toContain("an entity");
    expect(failure("__proto__.x = 'a'").expected).toContain("an entity");
    expect(parseRunFilter("constructor = 'a'").ok).toBe(false);
    expect(parseRunFilter("toString = 'a'").ok).toBe(false);
  });

  it("reads up to MAX_FILTER_CLAUSES conditions and refuses one more", () => {
    const conditions = (n: number) =>
      Array.from({ length: n }, () => "params.a = 'b'").join(" AND ");
    expect(parseFilter(conditions(MAX_FILTER_CLAUSES))).toMatchObject({ ok: true });
    expect(failure(conditions(MAX_FILTER_CLAUSES + 1)).expected).toContain(
      `at most ${MAX_FILTER_CLAUSES} conditions`,
    );
  });

  it("says what it expected at the failing position", () => {
    expect(failure("metrics.a >")).toEqual({
      position: 11,
      expected: "a number or a quoted string",
      message:
        "Invalid filter at position 11: expected a number or a quoted string, found the end of the filter",
    });
    expect(failure("metrics.a 3")).toMatchObject({
      position: 10,
      expected: expect.stringContaining("an operator"),
    });
    expect(failure("metrics.a = 1 metrics.b = 2")).toMatchObject({
      position: 14,
      expected: "AND or the end of the filter",
    });
    expect(failure("foo.bar = 1")).toMatchObject({
      position: 0,
      expected: expect.stringContaining("an entity"),
    });
    expect(failure("params.a = 'open")).toMatchObject({ position: 11, expected: "a closing '" });
    expect(failure("metrics. = 1").position).toBe(9);
  });

  it("rejects operators and values that do not suit the entity", () => {
    expect(failure("metrics.a = 'x'")).toMatchObject({
      position: 12,
      expected: "a number for metric 'a'",
    });
    expect(failure("metrics.a LIKE 'x'")).toMatchObject({ position: 10 });
    expect(failure("params.a > 'x'").expected).toContain("param 'a'");
    expect(failure("params.a = 3").expected).toContain("a quoted string");
    expect(failure("status IN ('a')").expected).toContain("attribute 'status'");
    expect(failure("start_time = 'x'").expected).toContain("a number");
    expect(failure("metrics.a IS NULL").position).toBe(10);
    expect(failure("nonsense = 'x'")).toMatchObject({
      position: 0,
      expected: expect.stringContaining("an attribute"),
    });
    expect(failure("datasets.size = 'x'").expected).toContain("a dataset field");
  });
});

describe("parseRunFilter on any text", () => {
  it("returns a value or an error inside the text, never throws (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."metrics.a`'\" =<>!()IN ANDLIKE,1e-5x_ ") }),
        (text) => {
          const result = parseRunFilter(text);
          if (!result.ok) expect(result.error.position).toBeLessThanOrEqual(text.length);
        },
      ),
    );
  });
});

describe("parseRunOrderBy", () => {
  it("reads identifiers with an optional direction, ASC by default", () => {
    const result = parseRunOrderBy([
      "metrics.rmse DESC",
      "params.lr",
      "tags.`a b` asc",
      "attributes.start_time",
      "created DESC",
    ]);
    expect(result).toEqual({
      ok: true,
      value: [
        { entity: "metric", key: "rmse", direction: "DESC" },
        { entity: "param", key: "lr", direction: "ASC" },
        { entity: "tag", key: "a b", direction: "ASC" },
        { entity: "attribute", key: "start_time", direction: "ASC" },
        { entity: "attribute", key: "start_time", direction: "DESC" },
      ],
    });
  });

  it("rejects unknown attributes, datasets and trailing words", () => {
    expect(parseRunOrderBy(["colour"])).toMatchObject({ ok: false, error: { position: 0 } });
    expect(parseRunOrderBy(["datasets.name"])).toMatchObject({ ok: false });
    expect(parseRunOrderBy(["metrics.a DOWN"])).toMatchObject({
      ok: false,
      error: { position: 10 },
    });
    expect(parseRunOrderBy(["metrics.a DESC x"])).toMatchObject({
      ok: false,
      error: { position: 15 },
    });
  });
});
