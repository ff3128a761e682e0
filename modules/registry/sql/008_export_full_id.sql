-- Exports with full ID numbers (issue 10 part 2): county civil-affairs staff
-- may, with a purpose that is audited; everyone else exports masked numbers.
INSERT INTO role_perms (role_id, perm)
  SELECT id, 'registry.export_full_id' FROM roles WHERE code = 'county_staff';
