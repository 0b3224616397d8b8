import { z } from "zod";
import { deleteAlias, setAlias } from "../../../../../../../features/registry/service-aliases.ts";
import { getDatabase } from "../../../../../../../server/db.ts";
import { defineRoute } from "../../../../../../../server/route/define-route.ts";

const params = z.object({ name: z.string().min(1), alias: z.string().min(1) });
const body = z.object({ version: z.number().int().positive() });

/** Points the alias at a version: `{ "version": 4 }` -> `{ alias, version }`. */
export const PUT = defineRoute(
  { route: "PUT /api/v1/models/[name]/aliases/[alias]", params, body },
  async (input) =>
    setAlias(await getDatabase(), input.principal, {
      model: input.params.name,
      alias: input.params.alias,
      version: input.body.version,
    }),
);

export const DELETE = defineRoute(
  { route: "DELETE /api/v1/models/[name]/aliases/[alias]", params },
  async (input) => {
    await deleteAlias(await getDatabase(), input.principal, {
      model: input.params.name,
      alias: input.params.alias,
    });
    return new Response(null, { status: 204 });
  },
);
