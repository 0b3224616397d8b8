// Pure computations that need Node's crypto: import from the server only ("@pedigree/domain/server").
export {
  displayApiTokenPrefix,
  formatApiToken,
  hashApiToken,
  isApiTokenFormat,
} from "./credentials/api-token.ts";
export { hashPassword, verifyPassword } from "./credentials/password.ts";
export {
  computeDatasetVersionId,
  type DatasetVersionContent,
} from "./lineage/dataset-version-id.ts";
export { computeDvcDirHash } from "./lineage/dvc-dir-hash.ts";
export { checkManifestDatasetVersionIds } from "./lineage/manifest-check.ts";
export { signWebhookPayload } from "./webhooks/signature.ts";
