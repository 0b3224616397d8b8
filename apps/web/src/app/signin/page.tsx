import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { toSafeCallbackUrl } from "../../features/auth/callback-url.ts";
import { SignInForm } from "../../features/auth/components/sign-in-form.tsx";
import { getCurrentUser } from "../../server/auth/current-user.ts";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const callbackUrl = toSafeCallbackUrl((await searchParams).callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <main className="signin-page">
      <SignInForm callbackUrl={callbackUrl} />
    </main>
  );
}
