import type { Metadata } from "next";
import { WebhooksPanel } from "../../../../features/webhooks/components/webhooks-panel.tsx";
import { listWebhooks } from "../../../../features/webhooks/service.ts";
import { requireCurrentUser } from "../../../../server/auth/current-user.ts";
import { getDatabase } from "../../../../server/db.ts";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const user = await requireCurrentUser();
  if (user.role !== "ADMIN") {
    return (
      <>
        <h1>Webhooks</h1>
        <p role="status">Only admins manage webhooks. Ask an admin to add or change one.</p>
      </>
    );
  }
  const webhooks = await listWebhooks(await getDatabase());
  return (
    <>
      <h1>Webhooks</h1>
      <WebhooksPanel initialWebhooks={webhooks} />
    </>
  );
}
