import { hashPassword } from "@pedigree/domain/server";
import type { DemoContext } from "./demo-context.ts";
import type { DemoData } from "./demo-data.ts";

export const DEMO_PASSWORD = "pedigree-demo";

const PEOPLE = [
  { key: "admin", email: "admin@example.com", name: "Ada Admin", role: "ADMIN" },
  { key: "approver1", email: "approver1@example.com", name: "Priya Approver", role: "APPROVER" },
  { key: "approver2", email: "approver2@example.com", name: "Omar Approver", role: "APPROVER" },
  { key: "engineer", email: "engineer@example.com", name: "Eli Engineer", role: "ENGINEER" },
  { key: "viewer", email: "viewer@example.com", name: "Vera Viewer", role: "VIEWER" },
] as const;

export type PersonKey = (typeof PEOPLE)[number]["key"];
export type People = Record<PersonKey, string>;

/** The five demo accounts, all with the password `pedigree-demo` (salts drawn from the seed). */
export function generatePeople(context: DemoContext): { users: DemoData["users"]; people: People } {
  const random = context.random.fork("people");
  const users = PEOPLE.map((person) => ({
    id: random.id(),
    email: person.email,
    name: person.name,
    passwordHash: hashPassword(DEMO_PASSWORD, random.bytes(16)),
    role: person.role,
    createdAt: context.at(260, random.between(9, 17)),
    disabledAt: null,
  }));
  const people = Object.fromEntries(
    PEOPLE.map((person, i) => [person.key, (users[i] as { id: string }).id]),
  ) as People;
  return { users, people };
}
