-- Demo data for `make run` (portalctl seed-demo --modules; idempotent;
-- synthetic children only): the demo links (made by seed-demo, not through
-- child_link) in the sharing register, so a linked demo child's file shows
-- its 信息共享登记 panel; the same rows core migration 029 writes for links
-- made before the register.
INSERT INTO disclosures (child_id, org_id, recipient, categories, basis, disclosed_at, source,
                         link_id, module, user_id)
  SELECT l.child_id, l.org_id, o.name,
         '身份信息（姓名、性别、出生日期、脱敏身份证号）、所属类别、与本单位相关的服务记录',
         CONCAT('关联儿童（', COALESCE(k.relation_title, l.relation), '）'), l.created_at, 'link',
         l.id, l.module, l.created_by
  FROM child_org_links l JOIN orgs o ON o.id = l.org_id LEFT JOIN org_kinds k ON k.code = o.kind
  WHERE NOT EXISTS (SELECT 1 FROM disclosures d WHERE d.link_id = l.id);
