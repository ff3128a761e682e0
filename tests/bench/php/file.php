<?php
// Bench-only: the child's file (/children/ID) as plain PHP, with the
// statements the portal ran when issue 17 was filed, in their order, and the
// read's audit row in its own durable commit (see README.md).
declare(strict_types=1);
require __DIR__ . '/common.php';
require __DIR__ . '/file_labels.php';

$u = session_user();
$id = (int)($_GET['id'] ?? 0);
if (!can($u, 'registry.view')) {
    deny(403, '没有权限查看儿童档案。');
}
$today = today();
$month = substr($today, 0, 7) . '-01';
// the guard: the child's jurisdiction before anything of it is read
$g = q("SELECT id, name, sex, DATE_FORMAT(birth_date, '%Y-%m-%d'), id_last4, village_code, "
    . "township_code, status FROM children WHERE id = ?", 'i', [$id]);
if (!$g || !in_scope($u, $g[0][6])) {
    deny(404, '没有找到该儿童的档案。');
}
$c = q("SELECT id, name, sex, birth_date, ethnicity, id_masked, no_id_reason, hukou, address, "
    . "township_code, village_code, school, school_grade, health, disability_type, "
    . "disability_grade, disability_cert_expiry, placement, status, created_at, updated_at, "
    . "TIMESTAMPDIFF(YEAR, birth_date, ?) AS age FROM children WHERE id = ?", 'si', [$today, $id])[0];
$family = q("SELECT id, relation, name, situation, is_guardian AS guardian, phone, note FROM "
    . "child_family WHERE child_id = ? ORDER BY is_guardian DESC, id", 'i', [$id]);
$family_ids = q("SELECT id, id_enc FROM child_family WHERE child_id = ? AND id_enc IS NOT NULL",
    'i', [$id]);
$cats = q("SELECT k.id, k.category, k.basis, k.start_date, k.end_date, k.exit_reason, k.exit_note, "
    . "u.display_name AS entered_by FROM child_categories k LEFT JOIN users u ON u.id = "
    . "k.entered_by WHERE k.child_id = ? ORDER BY k.end_date IS NOT NULL, k.start_date DESC, "
    . "k.id DESC", 'i', [$id]);
$files = q("SELECT a.id, a.kind, a.filename, a.content_type, a.size, a.uploaded_at AS at, "
    . "u.display_name AS who FROM child_attachments a LEFT JOIN users u ON u.id = a.uploaded_by "
    . "WHERE a.child_id = ? ORDER BY a.id", 'i', [$id]);
$events = q("SELECT e.at, e.module, e.kind, e.summary, u.display_name AS who FROM child_events e "
    . "LEFT JOIN users u ON u.id = e.user_id WHERE e.child_id = ? ORDER BY e.id DESC LIMIT 500",
    'i', [$id]);
$holds = q("SELECT module, COUNT(*) AS events, MAX(at) AS last FROM child_events WHERE "
    . "child_id = ? GROUP BY module ORDER BY module", 'i', [$id]);
$apps = q("SELECT id, module, type_title, step_title, status, started_at FROM wf_applications "
    . "WHERE child_id = ? ORDER BY id DESC LIMIT 100", 'i', [$id]);
$notes = q("SELECT notes_enc FROM children WHERE id = ?", 'i', [$id]);
// 生活保障: living's own guard, its grants with the rate in force, what was paid
q("SELECT id, name, sex, DATE_FORMAT(birth_date, '%Y-%m-%d'), id_last4, village_code, "
    . "township_code, status FROM children WHERE id = ?", 'i', [$id]);
$rate = "(SELECT CAST(x.value AS SIGNED) FROM setting_values x WHERE x.module = 'living' AND "
    . "x.code = %s AND x.valid_from <= g.ref ORDER BY x.valid_from DESC LIMIT 1)";
$grants = q("SELECT g.benefit, g.subtype, DATE_FORMAT(g.start_month, '%Y-%m') AS start, "
    . "DATE_FORMAT(g.end_month, '%Y-%m') AS end_month, g.end_month < ? AS ended, g.start_month > ? "
    . "AS future, (SELECT DATE_FORMAT(su.from_month, '%Y-%m') FROM living_suspensions su WHERE "
    . "su.grant_id = g.id AND su.to_month IS NULL ORDER BY su.id LIMIT 1) AS suspended, "
    . "IF(g.benefit = 'temporary', la.amount_fen, "
    . sprintf($rate, "CONCAT(g.benefit, '_', g.subtype)")
    . " + IF(g.benefit = 'tekun', COALESCE(" . sprintf($rate, "CONCAT('tekun_care_', g.care_level)")
    . ", 0), 0) + IF(g.benefit = 'dibao', COALESCE("
    . sprintf($rate, "'dibao_child_supplement_child'") . ", 0), 0)) AS amount_fen, g.end_reason "
    . "FROM (SELECT g0.*, GREATEST(g0.start_month, LEAST(COALESCE(g0.end_month, ?), ?)) AS ref "
    . "FROM living_grants g0 WHERE g0.child_id = ?) g LEFT JOIN living_applications la ON "
    . "la.app_id = g.application_id ORDER BY g.end_month IS NOT NULL, g.start_month DESC, g.id DESC",
    'ssssi', [$month, $month, $month, $month, $id]);
$paid = q("SELECT COUNT(*) AS n, COALESCE(SUM(l.amount_fen), 0) AS fen FROM pay_lines l JOIN "
    . "pay_batches b ON b.id = l.batch_id AND b.status IN ('locked', 'exported') WHERE "
    . "l.source_module = 'living' AND l.child_id = ?", 'i', [$id])[0];
// 社会力量服务, 爱心寄养与助养, 受赠记录
$vlogs = q("SELECT l.service_date, o.name, l.service_type, l.minutes, (SELECT GROUP_CONCAT(p.name "
    . "ORDER BY p.id SEPARATOR '、') FROM volunteer_log_people lp JOIN volunteers p ON p.id = "
    . "lp.volunteer_id WHERE lp.log_id = l.id) FROM volunteer_logs l JOIN volunteer_orgs v ON "
    . "v.id = l.vorg_id JOIN orgs o ON o.id = v.org_id WHERE l.child_id = ? AND l.status = "
    . "'verified' ORDER BY l.service_date DESC, l.id DESC LIMIT 100", 'i', [$id]);
$vsum = q("SELECT COALESCE(SUM(status = 'verified'), 0), COALESCE(SUM(IF(status = 'verified', "
    . "minutes, 0)), 0), COALESCE(SUM(status = 'submitted'), 0), COALESCE(SUM(status = "
    . "'returned'), 0) FROM volunteer_logs WHERE child_id = ?", 'i', [$id])[0];
$care = q("SELECT f.kind, f.offerer, f.offerer_kind, m.start_date, m.notes, m.end_date, "
    . "m.end_reason FROM volunteer_care_matches m JOIN volunteer_care_offers f ON f.id = "
    . "m.offer_id WHERE m.child_id = ? ORDER BY m.start_date DESC, m.id DESC LIMIT 100", 'i', [$id]);
$gifts = q("SELECT donor, money_fen, goods, pledged_date, delivered_date, status FROM "
    . "volunteer_donations WHERE child_id = ? ORDER BY pledged_date DESC, id DESC LIMIT 100",
    'i', [$id]);
$gsum = q("SELECT COUNT(*), COALESCE(SUM(money_fen), 0), COALESCE(SUM(IF(status = 'delivered', "
    . "money_fen, 0)), 0) FROM volunteer_donations WHERE child_id = ?", 'i', [$id])[0];
// the read, audited in its own commit before the page goes out
audit_read($u, 'child.read', 'child', (string)$id);
$unread = unread_notices($u);

$edit = can($u, 'registry.edit');
$csrf = csrf_fields($u);
$div = divisions();
page_head($u, '儿童档案', '/children', $unread);
require __DIR__ . '/file_page.php';
page_foot();
