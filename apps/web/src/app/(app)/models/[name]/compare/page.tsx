import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ComparisonView } from "../../../../../features/compare/components/comparison-view.tsx";
import { compareVersions } from "../../../../../features/compare/service.ts";
import { decodeModelNameParam, modelPath } from "../../../../../features/models/model-path.ts";
import { getModelDetailView } from "../../../../../features/registry/service-model.ts";
import { requireCurrentUser } from "../../../../../server/auth/current-user.ts";
import { getDatabase } from "../../../../../server/db.ts";
import { AppError } from "../../../../../server/errors.ts";

interface ComparePageProps {
  params: Promise<{ name: string }>;
  searchParams: Promise<{ a?: string; b?: string }>;
}

export async function generateMetadata({ params }: ComparePageProps): Promise<Metadata> {
  return { title: `Compare: ${decodeModelNameParam((await params).name)}` };
}

/** /models/{name}/compare?a=3&b=4: what changed between two versions (a GET form picks them). */
export default async function ComparePage({ params, searchParams }: ComparePageProps) {
  await requireCurrentUser();
  const name = decodeModelNameParam((await params).name);
  const db = await getDatabase();
  const model = await getModelDetailView(db, name).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const numbers = model.versions.map((v) => v.version).sort((x, y) => x - y);
  const query = await searchParams;
  const pick = (value: string | undefined, fallback: number | undefined) =>
    numbers.find((n) => String(n) === value) ?? fallback;
  const b = pick(query.b, numbers[numbers.length - 1]);
  const a = pick(query.a, numbers[numbers.length - 2] ?? b);
  const comparison = a && b ? await compareVersions(db, model.name, a, b) : null;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Models</Link> <span aria-hidden="true">/</span>{" "}
        <Link href={modelPath(model.name)}>{model.name}</Link> <span aria-hidden="true">/</span>{" "}
        Compare
      </nav>
      <h1>Compare versions of {model.name}</h1>
      {comparison ? (
        <>
          <form className="compare-form" method="get">
            {(["a", "b"] as const).map((side) => (
              <label key={side}>
                {side === "a" ? "From" : "To"}{" "}
                <select name={side} defaultValue={side === "a" ? a : b}>
                  {numbers.map((n) => (
                    <option key={n} value={n}>
                      v{n}
                    </option>
                  ))}
                </select>
              </label>
            ))}
            <button type="submit" className="button">
              Compare
            </button>
          </form>
          <ComparisonView comparison={comparison} />
        </>
      ) : (
        <p>This model has no versions to compare.</p>
      )}
    </>
  );
}
