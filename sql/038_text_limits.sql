-- Limits in characters (issue 20 item 5, clerk): a multi-line text's limit
-- counts characters (PP_LINES, like PP_TEXT), so an encrypted free-text
-- column must hold the ciphertext of its limit at 4 bytes a character plus
-- 29 bytes (the child's notes: 4000 characters).  A BLOB holds 65535 bytes
-- and, unlike a long VARBINARY, does not count against the row size.
ALTER TABLE children MODIFY notes_enc BLOB NULL;
