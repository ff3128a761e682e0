<?php
// Bench-only: the child's file (/children/ID) as plain PHP, with the
// statements the portal ran when issue 17 was filed, in their order, and the
// read's audit row in its own durable commit (see README.md).
declare(strict_types=1);
require __DIR__ . '/common.php';
require __DIR__ . '/file_labels.php';

$now = defined('STATEMENTS_NOW'); // file_now.php: the statements the portal runs today
$u = $now ? session_user_now() : session_user();
$id = (int)($_GET['id'] ?? 0);
if (!can($u, 'registry.view')) {
    deny(403, '没有权限查看儿童档案。');
}
$today = today();
$month = substr($today, 0, 7) . '-01';
extract($now ? file_now($u, $id, $today, $month) : file_then($u, $id, $today, $month));
$unread = $now ? $u['unread'] : unread_notices($u);

$edit = can($u, 'registry.edit');
$csrf = csrf_fields($u);
$div = divisions();
page_head($u, '儿童档案', '/children', $unread);
require __DIR__ . '/file_page.php';
page_foot();

// issue 17's day: 25 statements (with the session's and the header's)
function file_then(array $u, int $id, string $today, string $month): array
{
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
    [$grants, $paid] = living_then($id, $month);
    [$vlogs, $vsum, $care, $gifts, $gsum] = volunteer_then($id);
    // the medical caps and the next visit from the rows read (that day's
    // page read nothing for them: no medical aid paid)
    $held = $open = [];
    foreach ($cats as $k) {
        if ($k['start_date'] <= $today && ($k['end_date'] === null || $k['end_date'] >= $today)) {
            $held[] = $k['category'];
        }
        if ($k['end_date'] === null) {
            $open[] = $k['category'];
        }
    }
    $caps = medical_caps($held, [], $today);
    $visit = $c['status'] === 'active'
        ? visit_note(visit_days($open, $today), substr($c['created_at'], 0, 10), $today) : '';
    // the read, audited in its own commit before the page goes out
    audit_read($u, 'child.read', 'child', (string)$id, true);
    return compact('c', 'family', 'family_ids', 'cats', 'files', 'events', 'holds', 'apps', 'grants',
                   'paid', 'vlogs', 'vsum', 'care', 'gifts', 'gsum', 'caps', 'visit');
}

// 生活保障 of issue 17's day: living's own guard, its grants with the rate in
// force, what was paid
function living_then(int $id, string $month): array
{
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
    return [$grants, $paid];
}

// 社会力量服务, 爱心寄养与助养, 受赠记录 of issue 17's day
function volunteer_then(int $id): array
{
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
    return [$vlogs, $vsum, $care, $gifts, $gsum];
}

// today: the child's row with its marks (which modules' tables hold its rows),
// family, categories and events in one statement, then only the panels whose
// tables the marks name (the portal's child_has), the medical and village
// panels' statements, and the audit row (the head moved by a trigger)
function file_now(array $u, int $id, string $today, string $month): array
{
    $c = q("SELECT c.id, c.name, c.sex, DATE_FORMAT(c.birth_date, '%Y-%m-%d') AS birth_date, "
        . "c.id_last4, c.village_code, c.township_code, c.status, c.ethnicity, c.id_masked, "
        . "c.no_id_reason, c.hukou, c.address, c.school, c.school_grade, c.health, "
        . "c.disability_type, c.disability_grade, c.disability_cert_expiry, c.placement, "
        . "c.created_at, c.updated_at, TIMESTAMPDIFF(YEAR, c.birth_date, ?) AS age, c.notes_enc "
        . "IS NOT NULL AS has_notes, cm.marks FROM children c LEFT JOIN child_mark_lists cm ON "
        . "cm.child_id = c.id WHERE c.id = ? AND c.status <> 'archived'", 'si',
        [$today, $id]);
    if (!$c || !in_scope($u, $c[0]['township_code'])) {
        deny(404, '没有找到该儿童的档案。');
    }
    $c = $c[0];
    $marks = array_flip(explode(',', $c['marks'] ?? ''));
    [$family, $family_ids, $cats, $events, $holds] = registry_now($id);
    $files = isset($marks['child_attachments']) ? q("SELECT a.id, a.kind, a.filename, "
        . "a.content_type, a.size, a.uploaded_at AS at, u.display_name AS who FROM "
        . "child_attachments a LEFT JOIN users u ON u.id = a.uploaded_by WHERE a.child_id = ? "
        . "ORDER BY a.id", 'i', [$id]) : [];
    $apps = isset($marks['wf_applications']) ? q("SELECT id, module, type_title, step_title, "
        . "status, started_at FROM wf_applications WHERE child_id = ? ORDER BY id DESC LIMIT 100",
        'i', [$id]) : [];
    [$grants, $paid] = isset($marks['living_grants']) || isset($marks['pay_lines'])
        ? living_now($id, $month) : [[], ['n' => 0, 'fen' => 0]];
    [$caps, $visit] = medical_village_now($id, $today);
    [$vlogs, $vsum, $care, $gifts, $gsum] = isset($marks['volunteer_logs'])
        || isset($marks['volunteer_care_matches']) || isset($marks['volunteer_donations'])
        ? volunteer_then($id) : [[], [0, 0, 0, 0], [], [], [0, 0, 0]];
    audit_read($u, 'child.read', 'child', (string)$id, false);
    return compact('c', 'family', 'family_ids', 'cats', 'files', 'events', 'holds', 'apps', 'grants',
                   'paid', 'vlogs', 'vsum', 'care', 'gifts', 'gsum', 'caps', 'visit');
}

// family, categories and the last 500 events in one statement; the events
// per module from them
function registry_now(int $id): array
{
    $parts = q("SELECT 0 AS part, id AS c1, relation AS c2, name AS c3, situation AS c4, "
        . "is_guardian AS c5, phone AS c6, note AS c7, id_enc IS NOT NULL AS c8, -is_guardian AS k1, "
        . "0 AS k2, id AS k3 FROM child_family WHERE child_id = ? AND removed_at IS NULL UNION ALL "
        . "SELECT 1, k.id, k.category, k.basis, k.start_date, k.end_date, k.exit_reason, "
        . "k.exit_note, u.display_name, k.end_date IS NOT NULL, -TO_DAYS(k.start_date), -k.id FROM "
        . "child_categories k LEFT JOIN users u ON u.id = k.entered_by WHERE k.child_id = ? UNION "
        . "ALL SELECT 2, e.at, e.module, e.kind, e.summary, u.display_name, NULL, NULL, NULL, 0, 0, "
        . "-e.id FROM (SELECT id, at, module, kind, summary, user_id FROM child_events WHERE "
        . "child_id = ? ORDER BY id DESC LIMIT ?) e LEFT JOIN users u ON u.id = e.user_id ORDER BY "
        . "part, k1, k2, k3", 'iiii', [$id, $id, $id, 500]);
    $family = $family_ids = $cats = $events = $holds = [];
    foreach ($parts as $p) {
        if ((int)$p['part'] === 0) {
            $family[] = ['id' => $p['c1'], 'relation' => $p['c2'], 'name' => $p['c3'],
                         'situation' => $p['c4'], 'guardian' => $p['c5'], 'phone' => $p['c6'],
                         'note' => $p['c7']];
            if ((int)$p['c8']) {
                $family_ids[] = [$p['c1'], null];
            }
        } elseif ((int)$p['part'] === 1) {
            $cats[] = ['id' => $p['c1'], 'category' => $p['c2'], 'basis' => $p['c3'],
                       'start_date' => $p['c4'], 'end_date' => $p['c5'], 'exit_reason' => $p['c6'],
                       'exit_note' => $p['c7'], 'entered_by' => $p['c8']];
        } else {
            $events[] = ['at' => $p['c1'], 'module' => $p['c2'], 'summary' => $p['c4'],
                         'who' => $p['c5']];
            $h = &$holds[$p['c2']];
            $h = ['module' => $p['c2'], 'events' => ($h['events'] ?? 0) + 1,
                  'last' => max($h['last'] ?? '', $p['c1'])];
            unset($h);
        }
    }
    ksort($holds);
    return [$family, $family_ids, $cats, $events, array_values($holds)];
}

// 生活保障 today: the grants and what was paid in one statement, the monthly
// rates from the settings cache
function living_now(int $id, string $month): array
{
    $rows = q("SELECT p.paid_n, p.paid_fen, g.benefit, g.subtype, g.care_level, "
        . "DATE_FORMAT(g.start_month, '%Y-%m') AS start, DATE_FORMAT(g.end_month, '%Y-%m') AS "
        . "end_month, g.end_month < ? AS ended, g.start_month > ? AS future, (SELECT "
        . "DATE_FORMAT(su.from_month, '%Y-%m') FROM living_suspensions su WHERE su.grant_id = g.id "
        . "AND su.to_month IS NULL ORDER BY su.id LIMIT 1) AS suspended, la.amount_fen AS once_fen, "
        . "g.end_reason, DATE_FORMAT(GREATEST(g.start_month, LEAST(COALESCE(g.end_month, ?), ?)), "
        . "'%Y-%m-%d') AS ref FROM (SELECT COUNT(*) AS paid_n, COALESCE(SUM(l.amount_fen), 0) AS "
        . "paid_fen FROM pay_lines l JOIN pay_batches b ON b.id = l.batch_id AND b.status IN "
        . "('locked', 'exported') WHERE l.source_module = 'living' AND l.child_id = ?) p LEFT JOIN "
        . "(living_grants g LEFT JOIN living_applications la ON la.app_id = g.application_id) ON "
        . "g.child_id = ? ORDER BY g.end_month IS NOT NULL, g.start_month DESC, g.id DESC",
        'ssssii', [$month, $month, $month, $month, $id, $id]);
    $grants = [];
    $paid = ['n' => $rows[0]['paid_n'] ?? 0, 'fen' => $rows[0]['paid_fen'] ?? 0];
    foreach ($rows as $g) {
        if ($g['benefit'] === null) {
            continue;
        }
        $ref = $g['ref'];
        $fen = (int)setting('living', $g['benefit'] . '_' . $g['subtype'], $ref);
        if ($g['benefit'] === 'tekun') {
            $fen += (int)setting('living', 'tekun_care_' . $g['care_level'], $ref);
        } elseif ($g['benefit'] === 'dibao') {
            $fen += (int)setting('living', 'dibao_child_supplement_child', $ref);
        }
        $g['amount_fen'] = $g['benefit'] === 'temporary' ? $g['once_fen'] : $fen;
        $grants[] = $g;
    }
    return [$grants, $paid];
}

// the 医疗保障 and 儿童主任走访 panels' statements; what they show that
// depends on the child and the day: the yearly caps left (inpatient,
// outpatient) and the next visit's line (the rest of their HTML is the bench
// child's, see panels_static.php)
function medical_village_now(int $id, string $today): array
{
    $year = substr($today, 0, 4);
    $held = array_column(q("SELECT DISTINCT category FROM child_categories WHERE child_id = ? AND "
        . "start_date <= ? AND (end_date IS NULL OR end_date >= ?)", 'iss', [$id, $today, $today]), 0);
    $paid = array_column(q("SELECT programme, SUM(amount_fen) FROM pay_lines WHERE child_id = ? AND "
        . "source_module = ? AND period >= ? AND period < ? GROUP BY programme", 'isss',
        [$id, 'medical', "$year-01-01", ($year + 1) . '-01-01']), 1, 0);
    $d = VISIT_DAYS;
    foreach ($d as $k => $v) {
        $d[$k] = (int)(setting('village', "visit_days_$k", $today) ?? $v);
    }
    $v = q("SELECT x.days, DATE_ADD(x.since, INTERVAL x.days DAY) AS due, DATE_ADD(x.since, INTERVAL "
      . "x.days DAY) < ? AS late FROM (SELECT COALESCE((SELECT MIN(CASE k.category WHEN 'orphan' "
      . "THEN ? WHEN 'de_facto_unsupported' THEN ? WHEN 'guardianship' THEN ? ELSE ? END) FROM "
      . "child_categories k WHERE k.child_id = c.id AND k.end_date IS NULL), ?) AS days, "
      . "COALESCE(CAST(? AS DATE), DATE(c.created_at)) AS since FROM children c WHERE c.id = ? AND "
      . "c.status = 'active') x", 'siiiiisi', [$today, $d['orphan'], $d['de_facto_unsupported'],
      $d['guardianship'], $d['other'], $d['other'], null, $id]);
    return [medical_caps($held, $paid, $today),
            $v ? visit_line((int)$v[0]['days'], $v[0]['due'], (bool)$v[0]['late']) : ''];
}

// the yearly cap left of inpatient and outpatient aid by the child's best
// rate today among the categories held, less what medical paid this year
// (programme => fen), as the medical panel says it
function medical_caps(array $held, array $paid, string $today): array
{
    $out = [];
    foreach (['in' => 'aid_in', 'out' => 'aid_out'] as $t => $programme) {
        $best = null;
        foreach (AID_CATEGORIES as $cat) {
            if (!in_array($cat, $held, true)) {
                continue;
            }
            $i = $t === 'in' ? 0 : 1;
            $ratio = (int)(setting('medical', "aid_ratio_{$cat}_$t", $today) ?? AID_RATIO[$cat][$i]);
            $cap = (int)(setting('medical', "aid_cap_{$cat}_$t", $today) ?? AID_CAP[$cat][$i]);
            if (!$best || $ratio > $best[1] || ($ratio === $best[1] && $cap > $best[2])) {
                $best = [$cat, $ratio, $cap];
            }
        }
        $out[] = !$best ? '不属于医疗救助对象' : sprintf('%s 元（年度限额 %s 元，%s）',
            yuan(max(0, $best[2] - (int)($paid[$programme] ?? 0))), yuan($best[2]), CATEGORY[$best[0]]);
    }
    return $out;
}

// the shortest visit interval of the open categories (the others' when none is listed)
function visit_days(array $open, string $today): int
{
    $days = null;
    foreach ($open as $cat) {
        $k = array_key_exists($cat, VISIT_DAYS) && $cat !== 'other' ? $cat : 'other';
        $d = (int)(setting('village', "visit_days_$k", $today) ?? VISIT_DAYS[$k]);
        $days = $days === null ? $d : min($days, $d);
    }
    return $days ?? (int)(setting('village', 'visit_days_other', $today) ?? VISIT_DAYS['other']);
}

// the next visit from the day the file was opened (the bench child was never visited)
function visit_note(int $days, string $since, string $today): string
{
    $due = gmdate('Y-m-d', strtotime("$since UTC") + $days * 86400);
    return visit_line($days, $due, $due < $today);
}

function visit_line(int $days, string $due, bool $late): string
{
    return '  <p class="hint panel-note">走访周期 ' . $days . ' 天；下次应走访：' . h($due)
        . ($late ? '（已逾期）' : '') . "</p>\n";
}
