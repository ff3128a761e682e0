-- The registry's notices to an office move onto the core's notices (core
-- migration 018 gave them an office's done_at/done_by): every row, open or
-- handled, keeps its office, kind, child, text and dates; then the old
-- table goes.
INSERT INTO notices (division_code, module, kind, title, body, link, child_id, object_type,
                     object_id, created_at, created_by, done_at, done_by)
  SELECT division_code, 'registry', kind,
         IF(kind = 'transfer_in', '儿童档案转入本辖区', '疑似重复档案，请县级核查'),
         summary, IF(child_id IS NULL, NULL, CONCAT('/children/', child_id)), child_id,
         IF(child_id IS NULL, NULL, 'child'), child_id, created_at, created_by, done_at, done_by
  FROM registry_notices ORDER BY id;
DROP TABLE registry_notices;
