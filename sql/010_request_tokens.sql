-- Idempotency tokens: every form carries a fresh token (_idem, beside the
-- CSRF token); when a state-changing request of a signed-in user succeeds
-- with a redirect, the key of (user, token, route, submitted fields) is
-- written in the same transaction as the change.  A resubmission of the same
-- form (a browser retry after an unclear outcome) finds the key and is
-- answered with the original redirect instead of writing twice; the primary
-- key makes two concurrent submissions commit at most once.  After a
-- connection lost during COMMIT the key also tells whether it committed.
-- Keys expire after a day (deleted now and then by the portal).
CREATE TABLE request_tokens (
  token_hash BINARY(32) NOT NULL PRIMARY KEY,
  user_id BIGINT NOT NULL,
  status SMALLINT NOT NULL,
  location VARCHAR(1000) NULL,
  created_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  KEY expires_at (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
