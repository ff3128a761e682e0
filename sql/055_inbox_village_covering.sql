-- A township's inbox sorted and counted from the key village alone
-- (issue 17).  For a township's or a village's scope the inbox reads the
-- key village (village_code, status) (cgi/host/workflow.c inbox_put),
-- then each entry's row for its step, its archival and its dates: 60 rows
-- read twice for 龙潭镇's home page at 100,000 children.  The key now
-- holds those columns too (the inbox key's, in the scope's order), so the
-- page's ids are sorted and counted from the key, and only the ten or
-- fifty shown are read whole.  Measured at 100,000 children: the
-- township's inbox statement alone 0.53-0.59 ms of MariaDB's CPU before,
-- 0.43-0.50 after (a prepared loop, two rounds each); the township's home
-- page under wrk 0.75-0.81 ms of MariaDB's CPU a page before, 0.72-0.77
-- after (three rounds each).  The old key's columns lead the new one, so
-- every statement that used it still can.  Writes of wf_applications are
-- a person's actions; the wider key costs them little.
ALTER TABLE wf_applications
  DROP KEY village,
  ADD KEY village (village_code, status, child_archived, module, type, step_code, step_due,
                   publicity_until);
