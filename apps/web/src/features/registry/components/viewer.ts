import type { Role } from "@pedigree/domain";

/** The signed-in user, handed down by the server page (the server still decides every action). */
export interface Viewer {
  id: string;
  role: Role;
}
