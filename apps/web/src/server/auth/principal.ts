import type { Role } from "@pedigree/domain";

/** How a request proved who it is. */
export type CredentialKind = "session" | "token" | "basic";

export const ALL_CREDENTIAL_KINDS: readonly CredentialKind[] = ["session", "token", "basic"];

/** A signed-in, enabled user as the database has them now (not as a session remembers them). */
export interface ActiveUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** The caller of an API route. */
export interface Principal extends ActiveUser {
  via: CredentialKind;
  /** Set when the request came with an API token. */
  tokenId: string | null;
}
