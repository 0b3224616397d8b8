import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SkewCard } from "../../../../features/drift/components/skew-card.tsx";
import { getSkewViews } from "../../../../features/drift/service-skew.ts";
import { decodeModelNameParam, modelPath } from "../../../../features/models/model-path.ts";
import { VersionLineage } from "../../../../features/provenance/components/version-lineage.tsx";
import { getProvenance, listMissingLineage } from "../../../../features/provenance/service.ts";
import { ModelRegistryPanel } from "../../../../features/registry/components/model-registry-panel.tsx";
import { getModelDetailView } from "../../../../features/registry/service-model.ts";
import type { ModelDetailView } from "../../../../features/registry/types.ts";
import { requireCurrentUser } from "../../../../server/auth/current-user.ts";
import { getDatabase } from "../../../../server/db.ts";
import { AppError } from "../../../../server/errors.ts";

interface ModelPageProps {
  params: Promise<{ name: string }>;
  searchParams: Promise<{ version?: string; tab?: string }>;
}

export async function generateMetadata({ params }: ModelPageProps): Promise<Metadata> {
  return { title: decodeModelNameParam((await params).name) };
}

/** The model as GET /api/v1/models/{name} answers it (the same service); null: no such model. */
async function loadModel(name: string): Promise<ModelDetailView | null> {
  try {
    return await getModelDetailView(await getDatabase(), name);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

// The first answer comes from the server; after each change the browser refetches the REST API,
// so the page always shows what the server decided.
export default async function ModelPage({ params, searchParams }: ModelPageProps) {
  const user = await requireCurrentUser();
  const name = decodeModelNameParam((await params).name);
  const db = await getDatabase();
  // Independent reads side by side: the page waits for the slowest, not for their sum.
  const [model, skews, missing] = await Promise.all([
    loadModel(name),
    getSkewViews(db, name),
    listMissingLineage(db, name),
  ]);
  if (!model) notFound();
  // The card answers for the version in the URL; else production; else the newest version.
  const query = await searchParams;
  const trainedOnVersion =
    model.versions.find((v) => String(v.version) === query.version)?.version ??
    model.versions.find((v) => v.stage === "PRODUCTION")?.version ??
    model.versions[0]?.version;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Models</Link> <span aria-hidden="true">/</span> {model.name}
      </nav>
      <h1>{model.name}</h1>
      <p>
        <Link href={`${modelPath(model.name)}/drift`}>Drift</Link>
        {" · "}
        <Link href={`${modelPath(model.name)}/monitoring`}>Monitoring</Link>
      </p>
      <SkewCard base={`${modelPath(model.name)}/drift`} skews={skews} />
      {trainedOnVersion ? (
        <VersionLineage
          model={model.name}
          versions={model.versions}
          missing={missing}
          provenance={await getProvenance(db, model.name, trainedOnVersion)}
          tab={query.tab === "reproduce" ? "reproduce" : "trained-on"}
        />
      ) : null}
      <ModelRegistryPanel
        model={model.name}
        initialModel={model}
        viewer={{ id: user.id, role: user.role }}
      />
    </>
  );
}
