import { err, ok, type Result } from "../result.ts";
import { type RegistryError, registryError } from "./registry-error.ts";

// Aliases name a version for its consumers (`champion`, `challenger`), beside the stage. As in
// MLflow, `latest` and version-like names (`v3`) are reserved: they would read as references.
const ALIAS_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/i;
const RESERVED = /^(latest|v\d+)$/i;

export function validateAliasName(alias: string): Result<string, RegistryError> {
  if (!ALIAS_PATTERN.test(alias)) {
    return err(
      registryError(
        "INVALID_ALIAS",
        "An alias starts with a letter and has at most 64 letters, digits, - or _",
      ),
    );
  }
  if (RESERVED.test(alias)) {
    return err(registryError("INVALID_ALIAS", `"${alias}" is reserved: it reads as a version`));
  }
  return ok(alias.toLowerCase());
}
