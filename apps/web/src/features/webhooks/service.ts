import "server-only";
import { randomBytes } from "node:crypto";
import type { Database, DeliveryStatus } from "@pedigree/db";
import type { z } from "zod";
import { AppError } from "../../server/errors.ts";
import { encryptWebhookSecret } from "./secret-box.ts";
import type {
  CreatedWebhook,
  createWebhookInput,
  WebhookDeliveryView,
  WebhookSummary,
} from "./types.ts";

const summaryColumns = {
  id: true,
  url: true,
  events: true,
  isEnabled: true,
  createdAt: true,
} as const;

interface WebhookRow {
  id: string;
  url: string;
  events: string[];
  isEnabled: boolean;
  createdAt: Date;
}

function toSummary(row: WebhookRow): WebhookSummary {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

/** Registers a webhook; a generated secret is answered once and only stored encrypted. */
export async function createWebhook(
  db: Database,
  actorId: string,
  input: z.output<typeof createWebhookInput>,
): Promise<CreatedWebhook> {
  const generated = input.secret ? undefined : `whsec_${randomBytes(24).toString("base64url")}`;
  const secret = encryptWebhookSecret(input.secret ?? generated ?? "");
  const row = await db.prisma.$transaction(async (tx) => {
    const created = await tx.webhook.create({
      data: { url: input.url, events: input.events, secret },
      select: summaryColumns,
    });
    await tx.auditEvent.create({
      data: {
        actorId,
        action: "webhook.created",
        targetType: "Webhook",
        targetId: created.id,
        details: { url: created.url, events: created.events },
      },
    });
    return created;
  });
  return generated ? { ...toSummary(row), secret: generated } : toSummary(row);
}

/** Every webhook, oldest first, without secrets. */
export async function listWebhooks(db: Database): Promise<WebhookSummary[]> {
  const rows = await db.prisma.webhook.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: summaryColumns,
  });
  return rows.map(toSummary);
}

async function requireWebhook(db: Database, id: string): Promise<void> {
  const found = await db.prisma.webhook.findUnique({ where: { id }, select: { id: true } });
  if (!found) throw new AppError("NOT_FOUND", `No webhook with id ${id}`);
}

/** Enables or disables a webhook: a disabled one gets no new deliveries and sends none. */
export async function setWebhookEnabled(
  db: Database,
  actorId: string,
  id: string,
  isEnabled: boolean,
): Promise<WebhookSummary> {
  await requireWebhook(db, id);
  const row = await db.prisma.$transaction(async (tx) => {
    const updated = await tx.webhook.update({
      where: { id },
      data: { isEnabled },
      select: summaryColumns,
    });
    await tx.auditEvent.create({
      data: {
        actorId,
        action: isEnabled ? "webhook.enabled" : "webhook.disabled",
        targetType: "Webhook",
        targetId: id,
      },
    });
    return updated;
  });
  return toSummary(row);
}

/** Deletes a webhook and its deliveries (pending ones are never sent). */
export async function deleteWebhook(db: Database, actorId: string, id: string): Promise<void> {
  await requireWebhook(db, id);
  await db.prisma.$transaction(async (tx) => {
    await tx.webhook.delete({ where: { id } });
    await tx.auditEvent.create({
      data: { actorId, action: "webhook.deleted", targetType: "Webhook", targetId: id },
    });
  });
}

/** A webhook's deliveries, newest first (at most `limit`), optionally of one status. */
export async function listWebhookDeliveries(
  db: Database,
  webhookId: string,
  options: { status?: DeliveryStatus; limit?: number } = {},
): Promise<WebhookDeliveryView[]> {
  await requireWebhook(db, webhookId);
  const rows = await db.prisma.webhookDelivery.findMany({
    where: { webhookId, ...(options.status ? { status: options.status } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit ?? 100,
  });
  return rows.map((row) => ({
    id: row.id,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  }));
}
