-- A written dataset version is never deleted, and the partitions that built it never change:
-- a model's provenance must answer the same in a year (issue 8). Audit events already refuse
-- both (20261126000100_invariants). TRUNCATE, an operator's tool, is not a row operation.
CREATE TRIGGER dataset_version_undeletable
  BEFORE DELETE ON "DatasetVersion"
  FOR EACH ROW EXECUTE FUNCTION pedigree_refuse_change();

CREATE TRIGGER dataset_version_partition_immutable
  BEFORE UPDATE OR DELETE ON "DatasetVersionPartition"
  FOR EACH ROW EXECUTE FUNCTION pedigree_refuse_change();
