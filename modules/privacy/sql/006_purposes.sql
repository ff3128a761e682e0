-- The purposes of an export as a lookup the county extends (issue 19 item
-- 4; /admin/settings/privacy): the five the portal began with, with what
-- each requires (a recipient: another department or a higher level, the
-- export is then a disclosure; a written purpose).  Their codes stay: the
-- register's rows, tests and the bench name them.
INSERT INTO lookup_entries (module, kind, code, c1, c2, c3, valid_from, created_by, created_at)
VALUES ('privacy', 'purpose', 'payment_check', '发放核对', '否', '否', '2000-01-01', 0, UTC_TIMESTAMP()),
       ('privacy', 'purpose', 'report_up', '上级报送', '是', '否', '2000-01-01', 0, UTC_TIMESTAMP()),
       ('privacy', 'purpose', 'dept_assist', '部门协查', '是', '否', '2000-01-01', 0, UTC_TIMESTAMP()),
       ('privacy', 'purpose', 'stats', '统计分析', '否', '否', '2000-01-01', 0, UTC_TIMESTAMP()),
       ('privacy', 'purpose', 'other', '其他', '否', '是', '2000-01-01', 0, UTC_TIMESTAMP());
