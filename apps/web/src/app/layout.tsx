import type { Metadata } from "next";
import type { ReactNode } from "react";
import { QueryProvider } from "../client/query-provider.tsx";
// Order matters: layout.css holds the narrow-window overrides of components.css.
import "../styles/base.css";
import "../styles/components.css";
import "../styles/layout.css";

export const metadata: Metadata = {
  title: { default: "Pedigree", template: "%s · Pedigree" },
  description: "Provenance, promotion and drift for your models",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <QueryProvider>{children}</QueryProvider>
      </body>
    </html>
  );
}
