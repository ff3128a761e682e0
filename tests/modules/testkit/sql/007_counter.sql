-- One shared row every /_test/counter post increments (tests/cluster): posts
-- through two portal hosts on two Galera nodes conflict at certification,
-- and each acknowledged post must count exactly once.
CREATE TABLE test_counter (
  id INT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB;
INSERT INTO test_counter VALUES (1, 0);
