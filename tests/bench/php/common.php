<?php
// Bench-only: the plain PHP-FPM version of the portal's child list and child
// file (issue 17's comparison).  What a typical team would write: PDO with
// its defaults (prepares emulated) on a persistent connection, the session checked against
// the sessions table by the token's hash, the same hash-chained audit write,
// the page printed from a PHP template with htmlspecialchars.  See README.md.
declare(strict_types=1);

const SITE = '酉阳县困境儿童保障工作平台';
const SESSION_IDLE = 1800;
const SESSION_ABSOLUTE = 43200;

function h(?string $s): string
{
    return htmlspecialchars($s ?? '', ENT_QUOTES | ENT_HTML5, 'UTF-8');
}

function db(): PDO
{
    static $db = null;
    if ($db === null) {
        // a persistent connection per PHP-FPM child, as any deployment would;
        // PDO's default for MySQL: prepares emulated by the driver (one text
        // query per statement, as Laravel or Doctrine send them)
        $db = new PDO('mysql:unix_socket=' . getenv('PORTAL_DB_SOCKET') . ';dbname='
                      . getenv('PORTAL_DB_NAME') . ';charset=utf8mb4',
                      getenv('PORTAL_DB_USER'), getenv('PORTAL_DB_PASSWORD'),
                      [PDO::ATTR_PERSISTENT => true, PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
    }
    return $db;
}

// one statement, its values bound by type (i: integer, s: string); the
// result rows both by name and by position (NULL for a statement without a
// result set)
function q(string $sql, string $types = '', array $args = []): ?array
{
    $st = db()->prepare($sql);
    foreach ($args as $i => $v) {
        $st->bindValue($i + 1, $v, $v === null ? PDO::PARAM_NULL
                       : ($types[$i] === 'i' ? PDO::PARAM_INT : PDO::PARAM_STR));
    }
    $st->execute();
    if ($st->columnCount() === 0) {
        return null;
    }
    $rows = $st->fetchAll(PDO::FETCH_BOTH);
    $st->closeCursor();
    return $rows;
}

// the server's error number of a failed statement (1213: a deadlock)
function db_errno(PDOException $e): int
{
    return (int)($e->errorInfo[1] ?? 0);
}

function today(): string
{
    return gmdate('Y-m-d', time() + 8 * 3600);
}

// a UTC DATETIME as the pages show it: Beijing time to the minute
function local_minute(?string $utc): string
{
    if ($utc === null || $utc === '') {
        return '';
    }
    return gmdate('Y-m-d H:i', strtotime($utc . ' UTC') + 8 * 3600);
}

function deny(int $code, string $msg): never
{
    http_response_code($code);
    header('Content-Type: text/html; charset=utf-8');
    echo '<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><p>' . h($msg) . '</p></html>';
    exit;
}

// the user's columns 0-9 of both session statements, and their tables
const SESSION_COLS = "SELECT u.id, u.username, u.display_name, u.org_id, o.name, u.division_code, "
    . " d.name, s.csrf_token, u.must_change_password, "
    . " CONCAT_WS(',', (SELECT GROUP_CONCAT(DISTINCT rp.perm) FROM user_roles ur "
    . "   JOIN role_perms rp ON rp.role_id = ur.role_id WHERE ur.user_id = u.id), "
    . "  (SELECT GROUP_CONCAT(up.perm) FROM user_perms up WHERE up.user_id = u.id)), "
    . " s.last_seen < UTC_TIMESTAMP() - INTERVAL 60 SECOND, s.flash, s.mfa_pending, ";
const SESSION_FROM = "FROM sessions s JOIN users u ON u.id = s.user_id "
    . "LEFT JOIN orgs o ON o.id = u.org_id LEFT JOIN org_kinds k ON k.code = o.kind "
    . "LEFT JOIN divisions d ON d.code = u.division_code ";

// the psid cookie's token hash, or the login page
function session_hash(): string
{
    $tok = $_COOKIE['psid'] ?? '';
    if (strlen($tok) !== 43) {
        header('Location: /login');
        deny(303, '请先登录。');
    }
    return hash('sha256', $tok, true);
}

// the logged-in user of the psid cookie: the portal's session statement of
// issue 17's day (the token's SHA-256 looked up in sessions), or the login page
function session_user(): array
{
    $hash = session_hash();
    $rows = q(SESSION_COLS
        . " s.created_at > UTC_TIMESTAMP() - INTERVAL 300 SECOND, o.kind, k.scope " . SESSION_FROM
        . "WHERE s.token_hash = ? AND u.active = 1 "
        . " AND s.last_seen > UTC_TIMESTAMP() - INTERVAL ? SECOND "
        . " AND s.created_at > UTC_TIMESTAMP() - INTERVAL ? SECOND",
        'sii', [$hash, SESSION_IDLE, SESSION_ABSOLUTE]);
    return session_of($hash, $rows);
}

// the same with today's statement (STATEMENTS_NOW: the php_*_now targets):
// one row that also carries the unread notices and the caches' versions
function session_user_now(): array
{
    $hash = session_hash();
    $today = today();
    $rows = q(SESSION_COLS
        . " s.created_at > UTC_TIMESTAMP() - INTERVAL 300 SECOND, o.kind, k.scope, "
        . " (SELECT COALESCE(GROUP_CONCAT(DISTINCT IF(g.valid_from <= ? AND "
        . "   COALESCE(g.valid_to, '9999-12-31') > ?, g.division_code, NULL) ORDER BY "
        . "   g.division_code), '') FROM user_scope_divisions g WHERE g.user_id = u.id "
        . "   HAVING COUNT(*) > 0), "
        . " (SELECT COUNT(*) FROM notices n LEFT JOIN notice_reads nr ON nr.notice_id = n.id AND "
        . "   nr.user_id = u.id WHERE (n.user_id = u.id OR (n.org_id IS NOT NULL AND n.org_id = "
        . "   u.org_id) OR (n.division_code IS NOT NULL AND n.division_code = u.division_code)) "
        . "   AND nr.notice_id IS NULL AND n.done_at IS NULL), "
        . " (SELECT GROUP_CONCAT(v.name, ':', v.version) FROM cache_versions v) " . SESSION_FROM
        . "WHERE s.token_hash = ? AND s.last_seen > UTC_TIMESTAMP() - INTERVAL ? SECOND "
        . " AND s.created_at > UTC_TIMESTAMP() - INTERVAL ? SECOND AND u.active = 1",
        'sssii', [$today, $today, $hash, SESSION_IDLE, SESSION_ABSOLUTE]);
    $u = session_of($hash, $rows);
    $u['unread'] = (int)$rows[0][17];
    return $u;
}

// the user of a session row (columns 0-15 as both statements give them)
function session_of(string $hash, ?array $rows): array
{
    if (!$rows || (int)$rows[0][12] !== 0) {
        header('Location: /login');
        deny(303, '请先登录。');
    }
    $r = $rows[0];
    if ((int)$r[10]) {
        q("UPDATE sessions SET last_seen = UTC_TIMESTAMP() WHERE token_hash = ?", 's', [$hash]);
    }
    $org_scoped = ($r[15] ?? '') === 'org' && (int)$r[3] > 0;
    // the inbox is every account's but a social organisation's
    $perms = ($r[9] ?? '') . (($r[14] ?? '') !== 'ngo' ? ',core.inbox' : '');
    return ['id' => (int)$r[0], 'username' => $r[1], 'name' => $r[2], 'org_id' => (int)$r[3],
            'org' => $r[4] ?? '', 'division' => $r[5] ?? '', 'division_name' => $r[6] ?? '',
            'csrf' => $r[7], 'perms' => array_flip(explode(',', $perms)),
            'org_scoped' => $org_scoped, 'flash' => $r[11]];
}

function can(array $u, string $perm): bool
{
    return isset($u['perms'][$perm]);
}

// a township or village code within the user's division (the jurisdiction rule)
function in_scope(array $u, string $code): bool
{
    $d = rtrim($u['division'], '0');
    return $d === '' || str_starts_with($code, $d);
}

function unread_notices(array $u): int
{
    $rows = q("SELECT COUNT(*) FROM notices n LEFT JOIN notice_reads nr ON nr.notice_id = n.id "
        . "AND nr.user_id = ? WHERE (n.user_id = ? OR (n.org_id IS NOT NULL AND n.org_id = ?) OR "
        . "(n.division_code IS NOT NULL AND n.division_code = ?)) AND nr.notice_id IS NULL",
        'iiis', [$u['id'], $u['id'], $u['org_id'], $u['division']]);
    return (int)$rows[0][0];
}

// the chain of this PHP-FPM child (the portal has one per worker)
function audit_chain(): int
{
    return 1000 + getmypid() % 30000;
}

// one audit row, its own durable commit on this child's hash chain (a
// deadlock is retried twice, as the portal's audit_append does).  A new
// chain's head is created in a commit of its own first: eight children
// creating theirs inside their transactions deadlocked on the gap.
// $set_head: the head is moved by the statement of issue 17's day; without,
// by today's trigger
function audit_read(array $u, string $action, string $type, string $id, bool $set_head): void
{
    for ($attempt = 0; $attempt < 3; $attempt++) {
        try {
            if (audit_append($u, $action, $type, $id, $set_head)) {
                return;
            }
            q("INSERT IGNORE INTO audit_head (id, last_hash, last_id) VALUES (?, ?, 0)", 'is',
              [audit_chain(), str_repeat('0', 64)]);
        } catch (PDOException $e) {
            db()->exec('ROLLBACK');
            if (db_errno($e) !== 1213 || $attempt === 2) {
                throw $e;
            }
        }
    }
    throw new RuntimeException('the audit chain has no head');
}

// false: the chain has no head yet
function audit_append(array $u, string $action, string $type, string $id, bool $set_head): bool
{
    $t = microtime(true);
    $at = gmdate('Y-m-d H:i:s', (int)$t) . sprintf('.%06d', (int)(($t - floor($t)) * 1e6));
    $chain = audit_chain();
    $ip = $_SERVER['REMOTE_ADDR'] ?? '';
    $db = db();
    $db->exec('START TRANSACTION');
    $h = q("SELECT last_hash FROM audit_head WHERE id = ? FOR UPDATE", 'i', [$chain]);
    if (!$h) {
        $db->exec('ROLLBACK');
        return false;
    }
    $prev = $h[0][0];
    // the portal's audit_hash: the fields, each ended by 0x1f (NULL as empty)
    $fields = ["chain $chain", $prev, $at, (string)$u['id'], $u['username'], $action, $type, $id,
               null, $ip];
    $hash = hash('sha256', implode('', array_map(fn($f) => ($f ?? '') . "\x1f", $fields)));
    q("INSERT INTO audit_log (chain, at, user_id, username, action, object_type, object_id, "
      . "detail, ip, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)", 'isissssssss',
      [$chain, $at, $u['id'], $u['username'], $action, $type, $id, null, $ip, $prev, $hash]);
    if ($set_head) {
        q("UPDATE audit_head SET last_hash = ?, last_id = LAST_INSERT_ID() WHERE id = ?", 'si',
          [$hash, $chain]);
    }
    $db->exec('COMMIT');
    return true;
}

// the main menu of the township clerk's pages, in the portal's order, each
// entry shown to a user holding its permission
const MENU = [
    ['首页', '/', null], ['待办事项', '/inbox', 'core.inbox'],
    ['儿童台账', '/children', 'registry.view'], ['新建档案', '/children/new', 'registry.edit'],
    ['导入台账', '/children/import', 'registry.import'], ['档案通知', '/children/notices', 'registry.view'],
    ['基本生活保障', '/living', 'living.view'], ['医疗保障', '/medical', 'medical.view'],
    ['参保资助', '/medical/premiums', 'medical.premium'], ['急救病例', '/medical/emergencies', 'medical.emergency'],
    ['慈善保险', '/medical/policies', 'medical.insurance'], ['医疗保障统计', '/medical/reports', 'medical.view'],
    ['教育保障', '/education', 'education.view'], ['社会组织', '/volunteer/orgs', 'volunteer.manage'],
    ['志愿服务统计', '/volunteer/reports', 'volunteer.manage'],
    ['服务记录核实', '/volunteer/verify', 'volunteer.verify'],
    ['未获服务儿童', '/volunteer/reports/unserved', 'volunteer.verify'],
    ['强制报告', '/guardianship/report/new', 'guardianship.report'],
    ['残疾儿童康复', '/rehab', 'rehab.view'], ['残疾人证到期', '/rehab/certificates', 'rehab.view'],
    ['康复统计', '/rehab/reports', 'rehab.view'], ['督查考核', '/supervision', 'supervision.view'],
    ['儿童主任', '/village', 'village.visit'], ['一门受理', '/village/intake', 'village.intake'],
    ['支付台账', '/payments/batch', 'payments.view'], ['账户安全', '/account/totp', null],
    ['站点信息', '/about', null],
];

function csrf_fields(array $u): string
{
    return '<input type="hidden" name="_csrf" value="' . h($u['csrf']) . '"><input type="hidden" '
        . 'name="_idem" value="' . rtrim(strtr(base64_encode(random_bytes(16)), '+/', '-_'), '=')
        . '">';
}

function page_head(array $u, string $title, string $active, int $unread): void
{
    header('Content-Type: text/html; charset=utf-8');
    header('Cache-Control: no-store');
    echo "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        . "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        . '<title>' . h($title) . ' - ' . SITE . "</title>\n"
        . "<link rel=\"stylesheet\" href=\"/static/portal.css\">\n"
        . "<link rel=\"stylesheet\" href=\"/static/print.css\" media=\"print\">\n"
        . "<script src=\"/static/portal.js\" defer></script>\n</head>\n<body>\n<header class=\"top\">\n"
        . '  <a class="site" href="/">' . SITE . "</a>\n  \n  <div class=\"who\">\n"
        . '    <span class="user">' . h($u['name']) . "</span>\n";
    if ($u['org_scoped']) {
        echo '    <span class="org">单位：' . h($u['org']) . "</span>\n";
    } else {
        echo '    <span class="org">' . h($u['org']) . "</span>\n"
            . '    <span class="juris">辖区：' . h($u['division_name']) . "</span>\n";
    }
    echo $unread > 0
        ? '    <a href="/notices" class="notices unread">通知<span class="badge" id="unread-count">'
          . $unread . "</span></a>\n"
        : "    <a href=\"/notices\" class=\"notices\">通知</a>\n";
    echo "    <a href=\"/account/password\">修改密码</a>\n"
        . '    <form method="post" action="/logout" class="inline">' . csrf_fields($u)
        . "<button type=\"submit\" class=\"link\">退出</button></form>\n  </div>\n  \n</header>\n"
        . "\n<nav class=\"menu\" aria-label=\"主菜单\"><ul>\n";
    foreach (MENU as [$t, $p, $perm]) {
        if ($perm === null || can($u, $perm)) {
            echo '<li' . ($p === $active ? ' class="active"' : '') . '><a href="' . $p . '">' . $t
                . '</a></li>';
        }
    }
    echo "\n</ul></nav>\n\n<main id=\"main\">\n";
    if ($u['flash']) {
        echo '<p class="flash" role="status">' . h($u['flash']) . "</p>\n";
    }
}

function page_foot(): void
{
    echo "</main>\n<footer class=\"bottom\">\n  <p>酉阳土家族苗族自治县困境儿童保障工作平台 · "
        . "内部系统，数据涉及儿童个人信息，请依法使用、严格保密。</p>\n</footer>\n</body>\n</html>\n";
}

const CATEGORY = [
    'orphan' => '孤儿', 'de_facto_unsupported' => '事实无人抚养儿童', 'tekun' => '特困供养儿童',
    'dibao' => '低保家庭儿童', 'ill_disabled' => '重病重残儿童', 'guardianship' => '监护缺失或不当儿童',
    'temporary' => '临时困境儿童',
];
const STATUS = ['active' => '在册', 'exited' => '已退出', 'archived' => '已归档'];
const SEX = ['1' => '男', '2' => '女', '0' => '未知', '9' => '未说明'];

function label(array $labels, ?string $code): string
{
    return $labels[$code ?? ''] ?? ($code ?? '');
}

function categories(?string $codes): string
{
    if ($codes === null || $codes === '') {
        return '';
    }
    return implode('、', array_map(fn($c) => label(CATEGORY, $c), explode(',', $codes)));
}

// the divisions, code => [level, name] (the portal keeps them in a per-worker
// cache loaded at start): fpm.sh writes them as a PHP array, which opcache
// keeps in memory
function divisions(): array
{
    return require getenv('PORTAL_PHP_CACHE') . '/divisions.php';
}

// a module's setting in force on a day, as the portal's settings cache gives
// it (fpm.sh writes setting_values as module => code => [[from, value], ...],
// the latest first)
function setting(string $module, string $code, string $day): ?string
{
    static $all = null;
    $all ??= require getenv('PORTAL_PHP_CACHE') . '/settings.php';
    foreach ($all[$module][$code] ?? [] as [$from, $value]) {
        if ($from <= $day) {
            return $value;
        }
    }
    return null;
}

function options(array $labels): string
{
    $o = '';
    foreach ($labels as $k => $v) {
        $o .= '<option value="' . $k . '">' . $v . '</option>';
    }
    return $o;
}
