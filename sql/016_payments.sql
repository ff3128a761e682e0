-- The payments ledger (issue 10 part 1): one for every module.  A module
-- opens a batch (its module, a programme, a month, a title) and posts lines
-- into it through the host's services (portal_module.h, "payments");
-- corrections and back pay are new lines referencing the line they correct,
-- never edits.  Batches go draft -> reviewed -> locked -> exported; the
-- payments module shows, reviews, locks and exports them.
-- Money is integer fen; periods are DATE values on the first of the month.

-- Who is paid: a guardian's bank account for a child (one per child, the
-- account number encrypted like ID numbers) or an institution (an org:
-- hospital, school, provider; one per org).
CREATE TABLE pay_payees (
  id BIGINT NOT NULL AUTO_INCREMENT,
  kind ENUM('account','org') NOT NULL,
  child_id BIGINT NULL,             -- account: the child whose guardian is paid
  org_id BIGINT NULL,               -- org: the institution
  holder VARCHAR(64) NOT NULL,      -- the account holder (收款人)
  bank_name VARCHAR(64) NOT NULL,
  account_enc VARBINARY(96) NOT NULL,
  account_masked VARCHAR(40) NOT NULL,
  updated_by BIGINT NOT NULL,
  updated_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY child (child_id),
  UNIQUE KEY org (org_id),
  CONSTRAINT pay_payees_child FOREIGN KEY (child_id) REFERENCES children (id),
  CONSTRAINT pay_payees_org FOREIGN KEY (org_id) REFERENCES orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO crypto_columns VALUES ('pay_payees', 'id', 'account_enc');

CREATE TABLE pay_batches (
  id BIGINT NOT NULL AUTO_INCREMENT,
  module VARCHAR(32) NOT NULL,      -- the module that opened it (and alone posts into it)
  programme VARCHAR(32) NOT NULL,   -- fund / programme code of the module (label "<module>.programme")
  period DATE NOT NULL,             -- the month, first day
  title VARCHAR(100) NOT NULL,
  status ENUM('draft','reviewed','locked','exported') NOT NULL DEFAULT 'draft',
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  reviewed_by BIGINT NULL,
  reviewed_at DATETIME NULL,
  locked_by BIGINT NULL,
  locked_at DATETIME NULL,
  exported_by BIGINT NULL,
  exported_at DATETIME NULL,
  PRIMARY KEY (id),
  KEY list (module, programme, period)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE pay_lines (
  id BIGINT NOT NULL AUTO_INCREMENT,
  batch_id BIGINT NOT NULL,
  child_id BIGINT NULL,             -- the child paid for (NULL: an institution's own line)
  payee_id BIGINT NULL,             -- NULL: the child's registered account at export
  township_code CHAR(12) NOT NULL,  -- jurisdiction: the child's, or the institution's division
  programme VARCHAR(32) NOT NULL,
  period DATE NOT NULL,             -- the month it is for (back pay: an earlier one)
  amount_fen BIGINT NOT NULL,
  reason VARCHAR(200) NOT NULL,
  source_module VARCHAR(32) NOT NULL,
  source_id BIGINT NULL,            -- the module's record
  corrects_id BIGINT NULL,          -- the line this one corrects
  posted_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY batch_town (batch_id, township_code, programme),
  KEY cap (child_id, programme, period),
  KEY source (source_module, source_id),
  CONSTRAINT pay_lines_batch FOREIGN KEY (batch_id) REFERENCES pay_batches (id),
  CONSTRAINT pay_lines_child FOREIGN KEY (child_id) REFERENCES children (id),
  CONSTRAINT pay_lines_payee FOREIGN KEY (payee_id) REFERENCES pay_payees (id),
  CONSTRAINT pay_lines_corrects FOREIGN KEY (corrects_id) REFERENCES pay_lines (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The ledger is append-only, and a locked batch takes no line, whatever
-- writes: the services check first (with a Chinese message), these hold.
CREATE TRIGGER IF NOT EXISTS pay_lines_no_update BEFORE UPDATE ON pay_lines FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'pay_lines are never edited';
CREATE TRIGGER IF NOT EXISTS pay_lines_no_delete BEFORE DELETE ON pay_lines FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'pay_lines are never deleted';
CREATE TRIGGER IF NOT EXISTS pay_lines_open_batch BEFORE INSERT ON pay_lines FOR EACH ROW
BEGIN
  IF (SELECT status FROM pay_batches WHERE id = NEW.batch_id) IN ('locked', 'exported') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the batch is locked';
  END IF;
END;
