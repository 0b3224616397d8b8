import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  buildCategoricalProfile,
  buildCategoricalProfileOn,
  buildNumericProfile,
} from "@pedigree/domain";
import { parquetWriteFile } from "hyparquet-writer";
import { afterAll, describe, expect, it } from "vitest";
import { buildProfiles, type ProfileDocument } from "./build-profiles.ts";
import { splitCsvRecord } from "./csv-line.ts";

const folder = mkdtempSync(join(tmpdir(), "pedigree-profiles-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// 20,000 rows: more distinct amounts than a quantile region keeps, so the edges take refinement
// passes; every 37th amount is missing, countries repeat.
const ROWS = 20_000;
const amounts = Array.from({ length: ROWS }, (_, i) =>
  i % 37 === 0 ? null : Math.round(Math.sin(i * 12.9898) * 43758.5453 * 1000) / 1000,
);
const countries = Array.from({ length: ROWS }, (_, i) =>
  i % 11 === 0 ? null : (["fr", "de", "it"][i % 3] as string),
);

function writeCsv(path: string): void {
  const lines = ["id,amount,country,note"];
  amounts.forEach((amount, i) => {
    lines.push(`${i},${amount ?? ""},${countries[i] ?? ""},"a note, with ""quotes"""`);
  });
  writeFileSync(path, `${lines.join("\n")}\n`);
}

function writeJsonLines(path: string): void {
  const lines = amounts.map((amount, i) => JSON.stringify({ amount, country: countries[i] }));
  writeFileSync(path, `${lines.join("\n")}\n`);
}

function writeParquet(path: string): void {
  parquetWriteFile({
    filename: path,
    columnData: [
      { name: "amount", data: amounts, type: "DOUBLE", nullable: true },
      { name: "country", data: countries, type: "STRING", nullable: true },
    ],
    rowGroupSize: 4096,
  });
}

const expectedAmount = buildNumericProfile(amounts);
const expectedCountry = buildCategoricalProfile(countries);

function expectReference(document: ProfileDocument): void {
  const [amount, country] = document.features;
  expect(document).toMatchObject({ kind: "baseline", rows: ROWS });
  expect(amount).toMatchObject({
    type: "numeric",
    edges: expectedAmount.edges,
    counts: expectedAmount.counts,
    missingCount: expectedAmount.missingCount,
    totalCount: ROWS,
  });
  expect(amount?.stats.quantiles).toEqual(expectedAmount.stats.quantiles);
  expect(amount?.stats.mean).toBeCloseTo(expectedAmount.stats.mean as number, 6);
  expect(country).toMatchObject({
    type: "categorical",
    categories: expectedCountry.categories,
    counts: expectedCountry.counts,
    missingCount: expectedCountry.missingCount,
  });
}

describe("buildProfiles", () => {
  it.each([
    ["csv", writeCsv],
    ["jsonl", writeJsonLines],
    ["parquet", writeParquet],
  ] as const)(
    "profiles a %s reference exactly like the in-memory builders",
    async (extension, write) => {
      const input = join(folder, `train.${extension}`);
      write(input);
      const passes: number[] = [];
      const document = await buildProfiles({
        input,
        features: ["amount", "country"],
        categorical: ["country"],
        onProgress: (pass) => passes.push(pass),
      });
      expectReference(document);
      // More distinct amounts than one pass keeps: pass 1 locates the edges, pass 2 settles them
      // and the bin counts (no binning pass).
      expect(Math.max(...passes)).toBe(2);
    },
  );

  it("bins a window on its baseline's edges and categories in one pass", async () => {
    const train = join(folder, "train-window.csv");
    writeCsv(train);
    const baseline = await buildProfiles({
      input: train,
      features: ["amount", "country"],
      categorical: ["country"],
    });
    const served = amounts.slice(0, 3000).map((amount) => (amount === null ? null : amount + 5000));
    const servedCountries = served.map((_, i) => (i % 5 === 0 ? "pl" : "fr"));
    const input = join(folder, "window.jsonl");
    writeFileSync(
      input,
      served.map((amount, i) => JSON.stringify({ amount, country: servedCountries[i] })).join("\n"),
    );
    const passes = new Set<number>();
    const window = await buildProfiles({
      input,
      features: ["amount", "country"],
      categorical: ["country"],
      baseline,
      onProgress: (pass) => passes.add(pass),
    });
    expect([...passes]).toEqual([1]);
    expect(window.kind).toBe("window");
    expect(window.features[0]).toMatchObject({
      edges: expectedAmount.edges,
      counts: buildNumericProfile(served, expectedAmount.edges).counts,
    });
    expect(window.features[1]).toMatchObject({
      categories: buildCategoricalProfileOn(expectedCountry, servedCountries).categories,
      counts: buildCategoricalProfileOn(expectedCountry, servedCountries).counts,
    });
  });

  it("names what is wrong: an unknown column, a feature the baseline lacks", async () => {
    const input = join(folder, "small.csv");
    writeFileSync(input, "a,b\n1,2\n");
    await expect(buildProfiles({ input, features: ["zzz"], categorical: [] })).rejects.toThrow(
      /no column zzz/,
    );
    const baseline = await buildProfiles({ input, features: ["a"], categorical: [] });
    await expect(
      buildProfiles({ input, features: ["b"], categorical: [], baseline }),
    ).rejects.toThrow(/baseline has no profile of b/);
  });
});

describe("splitCsvRecord", () => {
  it("reads quoted fields with commas, doubled quotes and empty fields", () => {
    expect(splitCsvRecord('1,"a, ""b""",,x')).toEqual(["1", 'a, "b"', "", "x"]);
    expect(splitCsvRecord('"line\nbreak",2')).toEqual(["line\nbreak", "2"]);
  });
});
