-- Every keyed-lookup column (an HMAC of a value that is also stored
-- encrypted), declared by the migration that creates it, so that
-- `portalctl keys rotate --suite aes|sm` can compute it again under the other
-- suite's HMAC (SHA-256 or SM3) from the decrypted source column
-- (issue 19 item 5).  A module that adds such a pair adds its row here.
CREATE TABLE crypto_lookups (
  table_name VARCHAR(64) NOT NULL,
  id_column VARCHAR(64) NOT NULL,
  column_name VARCHAR(64) NOT NULL,
  source_column VARCHAR(64) NOT NULL,
  PRIMARY KEY (table_name, column_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO crypto_lookups VALUES
  ('children', 'id', 'id_hmac', 'id_enc'),
  ('child_family', 'id', 'id_hmac', 'id_enc');
