-- Every encrypted column, declared by the migration that creates it, so
-- `portalctl keys rotate` can re-encrypt all of them with the newest key.
CREATE TABLE crypto_columns (
  table_name VARCHAR(64) NOT NULL,
  id_column VARCHAR(64) NOT NULL,
  column_name VARCHAR(64) NOT NULL,
  PRIMARY KEY (table_name, column_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
