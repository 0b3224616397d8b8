"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";

export function SignOutButton() {
  const [isPending, setIsPending] = useState(false);
  async function handleClick() {
    setIsPending(true);
    // No next-auth redirect: its URL is built from NEXTAUTH_URL, which may be unset.
    await signOut({ redirect: false });
    window.location.assign("/signin");
  }
  return (
    <button
      type="button"
      className="button button-quiet"
      onClick={handleClick}
      disabled={isPending}
    >
      Sign out
    </button>
  );
}
