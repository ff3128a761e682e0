-- ABI 2.0 (test_abi2_routes.sh): a loader's objects, and a counter of
-- refused attempts (a kept write).
CREATE TABLE test_grants (
  id BIGINT NOT NULL AUTO_INCREMENT,
  division_code CHAR(12) NOT NULL,
  note VARCHAR(100) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE test_attempts (
  id BIGINT NOT NULL AUTO_INCREMENT,
  body TEXT NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO role_perms (role_id, perm) SELECT id, 'testkit.child' FROM roles
  WHERE code IN ('township_staff', 'county_staff');
