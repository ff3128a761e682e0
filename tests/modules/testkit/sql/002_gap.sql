-- Used by test_modules.sh: a migration recorded as missing below a later one.
CREATE TABLE IF NOT EXISTS test_gap (id INT NOT NULL, PRIMARY KEY (id)) ENGINE=InnoDB;
