import { z } from "zod";
import { getManifest } from "../../../../../../../../features/manifest/service.ts";
import { getDatabase } from "../../../../../../../../server/db.ts";
import { defineRoute } from "../../../../../../../../server/route/define-route.ts";

const params = z.object({ name: z.string().min(1), version: z.coerce.number().int().positive() });
const query = z.object({ download: z.enum(["0", "1"]).default("0") });

/** The reproduce manifest of a model version; `?download=1` answers it as a file. */
export const GET = defineRoute(
  { route: "GET /api/v1/models/[name]/versions/[version]/manifest", params, query },
  async (input) => {
    const { name, version } = input.params;
    const manifest = await getManifest(await getDatabase(), name, version, new Date());
    if (input.query.download === "0") return manifest;
    const filename = `${name.replace(/[^A-Za-z0-9._-]/g, "_")}-v${version}-manifest.json`;
    return Response.json(manifest, {
      headers: { "content-disposition": `attachment; filename="${filename}"` },
    });
  },
);
