import Link from "next/link";
import type { ReactNode } from "react";
import type { ActiveUser } from "../../../server/auth/principal.ts";
import { formatEnumLabel } from "../../../ui/format.ts";
import { SignOutButton } from "../../auth/components/sign-out-button.tsx";
import { NavLinks } from "./nav-links.tsx";

export function AppShell({ user, children }: { user: ActiveUser; children: ReactNode }) {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="shell-header">
        <Link href="/" className="brand">
          Pedigree
        </Link>
        <nav aria-label="Main" className="shell-nav">
          <NavLinks />
        </nav>
        <div className="account">
          <Link href="/settings/tokens" className="nav-link">
            API tokens
          </Link>
          {user.role === "ADMIN" ? (
            <Link href="/settings/webhooks" className="nav-link">
              Webhooks
            </Link>
          ) : null}
          <span className="account-email">{user.email}</span>
          <span className="role-badge">{formatEnumLabel(user.role)}</span>
          <SignOutButton />
        </div>
      </header>
      <main id="main" className="page">
        {children}
      </main>
    </>
  );
}
