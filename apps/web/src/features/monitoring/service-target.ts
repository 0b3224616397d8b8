import "server-only";
import type { Database, RetrainTarget } from "@pedigree/db";
import { AppError } from "../../server/errors.ts";
import { encryptWebhookSecret } from "../webhooks/secret-box.ts";
import { CREDENTIAL_ENV_PATTERN } from "./credentials.ts";
import { findModel } from "./model.ts";
import type { RetrainTargetView } from "./types.ts";

export interface RetrainTargetInput {
  kind: "AIRFLOW" | "WEBHOOK";
  url: string;
  dagId: string | null;
  auth: "NONE" | "BASIC" | "BEARER";
  /** A new credential in clear (stored encrypted); undefined keeps the stored one. */
  credential?: string | null;
  /** Or the name of a PEDIGREE_RETRAIN_* environment variable. */
  credentialEnv: string | null;
  rollbackWindowDays: number;
}

function toTargetView(target: RetrainTarget): RetrainTargetView {
  return {
    kind: target.kind,
    url: target.url,
    dagId: target.dagId,
    auth: target.auth,
    hasCredential: target.credential !== null,
    credentialEnv: target.credentialEnv,
    rollbackWindowDays: target.rollbackWindowDays,
  };
}

function check(input: RetrainTargetInput): void {
  const fail = (field: string, message: string) => {
    throw new AppError("INVALID_INPUT", message, { field });
  };
  if (input.kind === "AIRFLOW" && !input.dagId) fail("dagId", "An Airflow target needs a DAG id");
  if (input.kind === "WEBHOOK" && input.auth !== "NONE") {
    fail("auth", "A webhook target is signed with its secret, not basic or bearer auth");
  }
  if (input.credentialEnv && !CREDENTIAL_ENV_PATTERN.test(input.credentialEnv)) {
    fail("credentialEnv", "The variable's name must start with PEDIGREE_RETRAIN_ (A-Z, 0-9, _)");
  }
  if (input.credentialEnv && input.credential) {
    fail("credential", "Store a credential or name a variable, not both");
  }
}

export async function getRetrainTarget(
  db: Database,
  modelName: string,
): Promise<RetrainTargetView | null> {
  const model = await findModel(db.prisma, modelName);
  const target = await db.prisma.retrainTarget.findUnique({ where: { modelId: model.id } });
  return target ? toTargetView(target) : null;
}

/** Sets the model's target; a credential is kept encrypted and never answered back. */
export async function setRetrainTarget(
  db: Database,
  modelName: string,
  input: RetrainTargetInput,
): Promise<RetrainTargetView> {
  check(input);
  const model = await findModel(db.prisma, modelName);
  const credential =
    input.credentialEnv !== null
      ? null
      : input.credential === undefined
        ? undefined
        : input.credential === null || input.credential === ""
          ? null
          : encryptWebhookSecret(input.credential);
  const data = {
    kind: input.kind,
    url: input.url,
    dagId: input.kind === "AIRFLOW" ? input.dagId : null,
    auth: input.auth,
    credentialEnv: input.credentialEnv,
    rollbackWindowDays: input.rollbackWindowDays,
  };
  const target = await db.prisma.retrainTarget.upsert({
    where: { modelId: model.id },
    create: { ...data, modelId: model.id, credential: credential ?? null },
    update: { ...data, ...(credential === undefined ? {} : { credential }) },
  });
  return toTargetView(target);
}

export async function deleteRetrainTarget(db: Database, modelName: string): Promise<void> {
  const model = await findModel(db.prisma, modelName);
  await db.prisma.retrainTarget.deleteMany({ where: { modelId: model.id } });
}
