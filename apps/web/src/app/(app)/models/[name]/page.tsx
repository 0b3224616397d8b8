import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ModelVersionsTable } from "../../../../features/models/components/model-versions-table.tsx";
import { decodeModelNameParam } from "../../../../features/models/model-path.ts";
import { getModelDetail } from "../../../../features/models/service.ts";
import { requireCurrentUser } from "../../../../server/auth/current-user.ts";
import { getDatabase } from "../../../../server/db.ts";

interface ModelPageProps {
  params: Promise<{ name: string }>;
}

export async function generateMetadata({ params }: ModelPageProps): Promise<Metadata> {
  return { title: decodeModelNameParam((await params).name) };
}

export default async function ModelPage({ params }: ModelPageProps) {
  await requireCurrentUser();
  const name = decodeModelNameParam((await params).name);
  const model = await getModelDetail(await getDatabase(), name);
  if (!model) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Models</Link> <span aria-hidden="true">/</span> {model.name}
      </nav>
      <h1>{model.name}</h1>
      {model.description ? <p>{model.description}</p> : null}
      <h2>Versions</h2>
      <ModelVersionsTable versions={model.versions} />
    </>
  );
}
