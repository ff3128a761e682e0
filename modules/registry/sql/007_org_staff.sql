-- The staff of a school, a hospital or clinic, a rehabilitation provider, a
-- welfare institution, a police station or an NGO (role org_staff, scope
-- 'org') read the files of exactly the children linked to their
-- organisation now, and find them in the list (/children filters with
-- scope_sql).  Reading only: no editing, export or import.
INSERT INTO role_perms (role_id, perm)
  SELECT id, 'registry.view' FROM roles WHERE code = 'org_staff';
