-- Invariants that the Prisma schema cannot express. Prisma's diff does not read triggers, so
-- `pnpm db:check` stays clean; docs/ARCHITECTURE.md lists them.

-- At most one production version per registered model, enforced by the database whatever the
-- code does. A partial unique index would be dropped by Prisma's next generated migration, so a
-- trigger does it: it locks the model's row, which serialises concurrent promotions of one model.
CREATE FUNCTION pedigree_one_production_version() RETURNS trigger AS $$
BEGIN
  IF NEW."stage" = 'PRODUCTION' THEN
    PERFORM 1 FROM "RegisteredModel" WHERE "id" = NEW."modelId" FOR UPDATE;
    IF EXISTS (
      SELECT 1 FROM "ModelVersion"
      WHERE "modelId" = NEW."modelId" AND "stage" = 'PRODUCTION' AND "id" <> NEW."id"
    ) THEN
      RAISE EXCEPTION 'model % already has a production version', NEW."modelId"
        USING ERRCODE = 'unique_violation', CONSTRAINT = 'one_production_version';
    END IF;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER one_production_version
  BEFORE INSERT OR UPDATE OF "stage" ON "ModelVersion"
  FOR EACH ROW EXECUTE FUNCTION pedigree_one_production_version();

-- Written dataset versions and audit events never change.
CREATE FUNCTION pedigree_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% rows are immutable (%)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER dataset_version_immutable
  BEFORE UPDATE ON "DatasetVersion"
  FOR EACH ROW EXECUTE FUNCTION pedigree_refuse_change();

CREATE TRIGGER audit_event_append_only
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION pedigree_refuse_change();
