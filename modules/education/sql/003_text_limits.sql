-- Limits in characters (issue 20 item 5): the counselling notes (2000
-- characters, encrypted) need 2000 x 4 + 29 bytes.
ALTER TABLE edu_counselling MODIFY notes_enc BLOB NULL;
