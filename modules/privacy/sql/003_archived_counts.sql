-- The registry's counts (registry_counts, kept by its triggers) take the
-- archived status of a file (retention.c); the list's totals leave it out.
ALTER TABLE registry_counts MODIFY status ENUM('active','exited','archived') NOT NULL;
