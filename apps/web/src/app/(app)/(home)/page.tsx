import { ModelsEmptyState } from "../../../features/models/components/models-empty-state.tsx";
import { ModelsTable } from "../../../features/models/components/models-table.tsx";
import { listModels } from "../../../features/models/service.ts";
import { requireCurrentUser } from "../../../server/auth/current-user.ts";
import { getDatabase } from "../../../server/db.ts";

export default async function ModelsPage() {
  await requireCurrentUser();
  const models = await listModels(await getDatabase());
  return (
    <>
      <h1>Registered models</h1>
      {models.length === 0 ? <ModelsEmptyState /> : <ModelsTable models={models} />}
    </>
  );
}
