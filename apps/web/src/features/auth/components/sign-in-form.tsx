"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { ACCOUNT_DISABLED_ERROR, TOO_MANY_ATTEMPTS_ERROR } from "../sign-in-errors.ts";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (result?.ok && !result.error) {
        router.replace(callbackUrl);
        router.refresh();
        return;
      }
      setError(describeSignInError(result?.error));
    } catch {
      setError("Could not reach the server; try again");
    }
    setIsPending(false);
  }

  return (
    <form
      className="card signin-form"
      onSubmit={handleSubmit}
      aria-labelledby="signin-title"
      aria-describedby={error ? "signin-error" : undefined}
    >
      <h1 id="signin-title">Sign in to Pedigree</h1>
      {error ? (
        <p id="signin-error" role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="signin-email">Email</label>
        <input
          id="signin-email"
          name="email"
          type="email"
          autoComplete="username"
          // biome-ignore lint/a11y/noAutofocus: signing in is the page's only task.
          autoFocus
          required
        />
      </div>
      <div className="field">
        <label htmlFor="signin-password">Password</label>
        <input
          id="signin-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
      </div>
      <button type="submit" className="button button-primary" disabled={isPending}>
        Sign in
      </button>
    </form>
  );
}

function describeSignInError(code: string | null | undefined): string {
  if (code === ACCOUNT_DISABLED_ERROR) return "This account is disabled";
  if (code === TOO_MANY_ATTEMPTS_ERROR) {
    return "Too many failed sign-ins for this account or from this address; wait a few minutes";
  }
  return "Wrong email or password";
}
