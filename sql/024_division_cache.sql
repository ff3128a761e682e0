-- Versions of what workers cache (issue 17): a worker keeps the divisions in
-- memory and reloads them when 'divisions' here differs from the version it
-- loaded (read with the session's row, so no page pays a statement for it).
-- Whatever writes divisions bumps the version in the same transaction
-- (the service divisions_changed; portalctl's demo villages).
CREATE TABLE cache_versions (
  name VARCHAR(32) NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO cache_versions (name, version) VALUES ('divisions', 1);
