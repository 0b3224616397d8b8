/** Roles in increasing power: each role can do what the ones before it can. */
export const ROLES = ["VIEWER", "ENGINEER", "APPROVER", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export function hasRole(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}
