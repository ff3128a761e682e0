-- Login throttling instead of a hard lock (issue 22, item 5): failures are
-- counted per source address (this table) and per account (users), each with
-- a growing delay once past a threshold (cgi/host/core.c).  In the database so
-- that every worker - and later every portal host - sees the same counts.
-- An address's row is forgotten a day after its last failure.
CREATE TABLE login_throttle (
  addr VARCHAR(64) NOT NULL,
  failures INT NOT NULL DEFAULT 0,
  last_failed_at DATETIME NOT NULL,
  blocked_until DATETIME NULL,
  PRIMARY KEY (addr),
  KEY last_failed_at (last_failed_at)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- the account's count decays too: failures an hour apart do not add up
ALTER TABLE users ADD COLUMN last_failed_at DATETIME NULL AFTER locked_until;
