-- Limits in characters (issue 20 item 5): a visit's concern (2000
-- characters, encrypted) needs 2000 x 4 + 29 bytes.
ALTER TABLE village_visits MODIFY concern_enc BLOB NULL;
