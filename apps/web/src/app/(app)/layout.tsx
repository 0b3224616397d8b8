import type { ReactNode } from "react";
import { AppShell } from "../../features/shell/components/app-shell.tsx";
import { requireCurrentUser } from "../../server/auth/current-user.ts";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await requireCurrentUser();
  return <AppShell user={user}>{children}</AppShell>;
}
