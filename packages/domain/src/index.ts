// Pedigree's domain: pure TypeScript, no I/O, no clock, no randomness (time and ids are
// parameters). Safe in the browser; Node-only computations are in ./server.ts.
export { err, ok, type Result } from "./result.ts";
export { hasRole, ROLES, type Role } from "./roles.ts";
