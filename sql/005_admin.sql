-- Administration and two-factor login.
--   users.totp_secret (001) holds the confirmed TOTP secret, encrypted
--   (crypto_encrypt); totp_pending the secret shown during enrolment until a
--   code confirms it; totp_last_step the last 30-second step a code was
--   accepted for (a code is never accepted twice); totp_required forces
--   enrolment for one user, in addition to the roles listed in the
--   configuration key require_totp_roles.
ALTER TABLE users
  ADD COLUMN totp_pending VARBINARY(128) NULL AFTER totp_secret,
  ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0 AFTER totp_pending,
  ADD COLUMN totp_required TINYINT NOT NULL DEFAULT 0 AFTER totp_last_step;

-- sessions.mfa_pending: 0 = logged in; 1 = password verified, the TOTP code
-- is still due (only /login/totp sees this session); 2 = password verified,
-- TOTP enrolment is due (only /account/totp, /account/password and /logout).
ALTER TABLE sessions
  ADD COLUMN mfa_pending TINYINT NOT NULL DEFAULT 0;

INSERT INTO crypto_columns (table_name, id_column, column_name) VALUES
  ('users', 'id', 'totp_secret'),
  ('users', 'id', 'totp_pending');

-- the user list is filtered and paged by username (already unique-keyed);
-- the audit browser pages by id within user, action or object (001 keys).
