// Reads the Authorization header. Pure: the unit tests cover the odd inputs clients send.

type Credentials =
  | { kind: "bearer"; token: string }
  /** MLflow clients send MLFLOW_TRACKING_USERNAME / _PASSWORD this way. */
  | { kind: "basic"; username: string; password: string };

type ParsedAuthorization = { kind: "none" } | { kind: "invalid"; reason: string } | Credentials;

export function parseAuthorizationHeader(header: string | null): ParsedAuthorization {
  if (header === null || header.trim() === "") return { kind: "none" };
  const match = /^(\S+)\s+(.+)$/.exec(header.trim());
  if (!match) return { kind: "invalid", reason: "Authorization header without credentials" };
  const scheme = (match[1] ?? "").toLowerCase();
  const value = (match[2] ?? "").trim();
  if (scheme === "bearer") return { kind: "bearer", token: value };
  if (scheme !== "basic") {
    return { kind: "invalid", reason: `Unsupported authorization scheme "${match[1]}"` };
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) {
    return { kind: "invalid", reason: "Basic credentials are not valid base64" };
  }
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return { kind: "invalid", reason: "Basic credentials need user:password" };
  return { kind: "basic", username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Builds a Basic header value (tests and scripts). */
export function formatBasicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}`;
}
