import type { Metadata } from "next";
import { TokensPanel } from "../../../../features/tokens/components/tokens-panel.tsx";
import { listTokens } from "../../../../features/tokens/service.ts";
import { requireCurrentUser } from "../../../../server/auth/current-user.ts";
import { getDatabase } from "../../../../server/db.ts";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const user = await requireCurrentUser();
  const tokens = await listTokens(await getDatabase(), user.id);
  return (
    <>
      <h1>API tokens</h1>
      <TokensPanel initialTokens={tokens} />
    </>
  );
}
