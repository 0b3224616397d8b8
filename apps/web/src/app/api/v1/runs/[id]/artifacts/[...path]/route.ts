import { z } from "zod";
import { assertNoEncodedSeparator } from "../../../../../../../features/artifacts/artifact-path.ts";
import { serveRunArtifact } from "../../../../../../../features/artifacts/serve.ts";
import { getDatabase } from "../../../../../../../server/db.ts";
import { AppError } from "../../../../../../../server/errors.ts";
import { defineRoute } from "../../../../../../../server/route/define-route.ts";

/**
 * One recorded artifact of a run, streamed: `?preview=text` answers the first 64 KiB as
 * text/plain, `?download=1` always as an attachment; otherwise safe images and plain text inline.
 */
export const GET = defineRoute(
  {
    route: "GET /api/v1/runs/[id]/artifacts/[...path]",
    params: z.object({ id: z.string(), path: z.array(z.string()).min(1) }),
    query: z.object({
      preview: z.literal("text").optional(),
      download: z.enum(["1", "true"]).optional(),
    }),
  },
  async ({ request, params, query }) => {
    assertNoEncodedSeparator(request.nextUrl.pathname);
    if (params.path.some((part) => part.includes("/"))) {
      throw new AppError("INVALID_INPUT", "path: encoded separators are not allowed");
    }
    return serveRunArtifact(await getDatabase(), params.id, params.path.join("/"), {
      preview: query.preview === "text",
      download: query.download !== undefined,
    });
  },
);
