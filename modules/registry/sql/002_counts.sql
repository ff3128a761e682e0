-- Children per village and status, kept by triggers so every writer (the
-- pages, the import, the seed, other modules) keeps it right.  The list's
-- total for a township, village or status comes from here instead of a scan.
CREATE TABLE registry_counts (
  village_code CHAR(12) NOT NULL,
  status ENUM('active','exited') NOT NULL,
  n INT NOT NULL,
  PRIMARY KEY (village_code, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO registry_counts (village_code, status, n)
  SELECT village_code, status, COUNT(*) FROM children GROUP BY village_code, status;

CREATE TRIGGER children_count_insert AFTER INSERT ON children FOR EACH ROW
  INSERT INTO registry_counts (village_code, status, n) VALUES (NEW.village_code, NEW.status, 1)
  ON DUPLICATE KEY UPDATE n = n + 1;

CREATE TRIGGER children_count_delete AFTER DELETE ON children FOR EACH ROW
  UPDATE registry_counts SET n = n - 1 WHERE village_code = OLD.village_code AND status = OLD.status;

CREATE TRIGGER children_count_update AFTER UPDATE ON children FOR EACH ROW
BEGIN
  IF NEW.village_code <> OLD.village_code OR NEW.status <> OLD.status THEN
    UPDATE registry_counts SET n = n - 1 WHERE village_code = OLD.village_code AND status = OLD.status;
    INSERT INTO registry_counts (village_code, status, n) VALUES (NEW.village_code, NEW.status, 1)
      ON DUPLICATE KEY UPDATE n = n + 1;
  END IF;
END;
