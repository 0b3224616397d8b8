-- AlterTable: the artifact digest a deployment runs (sha256 hex), compared with the version's
-- registered `artifact_digest` tag.
ALTER TABLE "Deployment" ADD COLUMN "digest" TEXT;
