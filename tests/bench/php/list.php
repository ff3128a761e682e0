<?php
// Bench-only: the child list (/children?township=...) as plain PHP, with the
// statements the portal ran when issue 17 was filed (see README.md).
declare(strict_types=1);
require __DIR__ . '/common.php';

// The page reads children in name order.  Registry 010 (after the issue's
// day) made town_birth a covering key as wide as town_name, and on the
// literal SQL that PDO's emulated prepares send MariaDB then takes town_birth
// and sorts the whole township (5.7 ms a query, not 1 ms at 100,000
// children).  On the issue's day's schema the name key was the cheaper one,
// so both PHP versions tell MariaDB what the portal tells it (list.c).
const NAME_ORDER_KEY = 'IGNORE INDEX (town_birth)';

// issue 17's day: seven statements (with the session's and the header's)
function list_then(array $u, string $today, string $scope, string $vp, string $town): array
{
    $office = (int)q("SELECT COUNT(*) FROM notices WHERE division_code = ? AND module = 'registry' "
        . "AND done_at IS NULL", 's', [$u['division']])[0][0];
    $towns = q("SELECT code, name FROM divisions WHERE level = 'township' AND code LIKE "
        . "CONCAT(?, '%') AND (valid_to IS NULL OR valid_to >= ?) ORDER BY code", 'ss',
        [$scope, $today]);
    $villages = q("SELECT code, name FROM divisions WHERE level = 'village' AND code LIKE "
        . "CONCAT(?, '%') AND code LIKE CONCAT(?, '%') AND (valid_to IS NULL OR valid_to >= ?) "
        . "ORDER BY code", 'sss', [$scope, $vp, $today]);
    $rows = q("SELECT c.id, c.name, c.sex, c.birth_date AS birth, TIMESTAMPDIFF(YEAR, "
        . "c.birth_date, ?) AS age, c.id_masked AS masked, c.status, c.village_code, (SELECT "
        . "GROUP_CONCAT(cc.category ORDER BY cc.category) FROM child_categories cc WHERE "
        . "cc.child_id = c.id AND cc.end_date IS NULL) AS cat_codes FROM children c " . NAME_ORDER_KEY
        . " WHERE "
        . "c.village_code LIKE CONCAT(?, '%') AND c.township_code = ? AND c.township_code = ? "
        . "ORDER BY c.name ASC, c.id ASC LIMIT 51", 'ssss', [$today, $vp, $town, $u['division']]);
    $total = (int)q("SELECT COALESCE(SUM(n), 0) FROM registry_counts c WHERE c.village_code LIKE "
        . "CONCAT(?, '%') AND c.status <> 'archived' AND c.village_code LIKE CONCAT(LEFT(?, 9), "
        . "'%')", 'ss', [$vp, $u['division']])[0][0];
    return [$office, $towns, $villages, $rows, $total];
}

// today: the page's one statement (the office's notices and the total ride on
// it); the townships and villages from the division cache
function list_now(array $u, string $today, string $scope, string $vp, string $town): array
{
    $rows = q("SELECT c.id, c.name, c.sex, TIMESTAMPDIFF(YEAR, c.birth_date, ?) AS age, "
        . "c.id_masked AS masked, c.status, c.village_code, (SELECT GROUP_CONCAT(cc.category "
        . "ORDER BY cc.category) FROM child_categories cc WHERE cc.child_id = c.id AND "
        . "cc.end_date IS NULL) AS cat_codes, (SELECT COUNT(*) FROM notices WHERE division_code = "
        . "? AND module = 'registry' AND done_at IS NULL) AS office_notices, (SELECT "
        . "COALESCE(SUM(n), 0) FROM registry_counts rc WHERE rc.village_code LIKE CONCAT(?, '%') "
        . "AND rc.status <> 'archived' AND rc.village_code LIKE CONCAT(LEFT(?, 9), '%')) AS "
        . "summary_total FROM children c " . NAME_ORDER_KEY . " WHERE (c.village_code LIKE CONCAT(?, '%') AND c.status "
        . "<> 'archived') AND c.township_code = ? ORDER BY c.name ASC, c.id ASC LIMIT 51",
        'ssssss', [$today, $u['division'], $vp, $u['division'], $vp, $town]);
    $towns = $villages = [];
    foreach (divisions() as $code => [$level, $name]) {
        $code = (string)$code;
        if ($level === 'township' && str_starts_with($code, $scope)) {
            $towns[] = ['code' => $code, 'name' => $name];
        } elseif ($level === 'village' && str_starts_with($code, $vp)) {
            $villages[] = ['code' => $code, 'name' => $name];
        }
    }
    $office = $rows ? (int)$rows[0]['office_notices'] : 0;
    $total = $rows ? (int)$rows[0]['summary_total'] : 0;
    return [$office, $towns, $villages, $rows, $total];
}

$now = defined('STATEMENTS_NOW'); // list_now.php: the statements the portal runs today
$u = $now ? session_user_now() : session_user();
if (!can($u, 'registry.view')) {
    deny(403, '没有权限查看儿童台账。');
}
$today = today();
$scope = rtrim($u['division'], '0');
$town = $_GET['township'] ?? '';
if ($town !== '' && (!preg_match('/^\d{12}$/', $town) || !in_scope($u, $town))) {
    deny(403, '不在您的辖区内。');
}
$vp = $town !== '' ? substr($town, 0, 9) : $scope;
if ($now) {
    [$office, $towns, $villages, $rows, $total] = list_now($u, $today, $scope, $vp, $town);
} else {
    [$office, $towns, $villages, $rows, $total] = list_then($u, $today, $scope, $vp, $town);
}
$vname = array_column($villages, 'name', 'code');
$unread = $now ? $u['unread'] : unread_notices($u);
$more = count($rows) > 50;
$rows = array_slice($rows, 0, 50);
$q = 'sort=name' . ($town !== '' ? '&township=' . $town : '');

page_head($u, '儿童台账', '/children', $unread);
?>



<h1>儿童台账</h1>
<?php if ($office > 0) { ?><p class="notice" id="open-notices">本单位有 <?= $office ?> 条待处理的<a href="/children/notices">档案通知</a>（转入的儿童、待核查的疑似重复档案）。</p><?php } ?>

<details class="panel fold" id="list-filters"<?= $town !== '' ? ' open' : '' ?>><summary>查询条件</summary>
<form method="get" action="/children" class="filters" role="search">
  <div class="field">
    <label for="f-township">乡镇（街道）</label>
    <select id="f-township" name="township">
      <option value="">全部</option>
      <?php foreach ($towns as $t) { ?><option value="<?= h($t['code']) ?>"<?= $t['code'] === $town ? ' selected' : '' ?>><?= h($t['name']) ?></option>
<?php } ?>
    </select>
  </div>
  <div class="field">
    <label for="f-village">村（居）</label>
    <select id="f-village" name="village">
      <option value="">全部</option>
      <?= implode("\n", array_map(fn($v) => '<option value="' . h($v['code']) . '">' . h($v['name']) . '</option>', $villages)) ?>

    </select>
    
  </div>
  <div class="field">
    <label for="f-category">类别</label>
    <select id="f-category" name="category">
      <option value="">全部</option>
      <?= options(CATEGORY) ?>

    </select>
  </div>
  <div class="field">
    <label for="f-status">状态</label>
    <select id="f-status" name="status">
      <option value="">全部</option>
      <option value="active">在册</option>
      <option value="exited">已退出</option>
    </select>
  </div>
  <div class="field">
    <label for="f-age">年龄段</label>
    <select id="f-age" name="age">
      <option value="">全部</option>
      <option value="0-2">0-2 岁</option>
<option value="3-5">3-5 岁</option>
<option value="6-11">6-11 岁</option>
<option value="12-15">12-15 岁</option>
<option value="16-17">16-17 岁</option>
<option value="18up">18 岁及以上</option>
    </select>
  </div>
  <div class="field">
    <label for="f-q">姓名（可只填名字的一部分）、身份证号或其后四位</label>
    <input type="text" id="f-q" name="q" value="" maxlength="64">
  </div>
  <div class="field">
    <label for="f-sort">排序</label>
    <select id="f-sort" name="sort">
      <option value="name" selected>按姓名</option>
      <option value="birth">按出生日期</option>
      <option value="id">最新建档在前</option>
    </select>
  </div>
  <button type="submit">查询</button>
  <a href="/children">清除条件</a>
</form>
</details>

<p class="summary">显示 <?= count($rows) ?> 条，符合条件共 <?= $total ?> 条。
<?php if (can($u, 'registry.export')) { ?><a class="button" href="/children/export.csv?<?= h($q) ?>">导出 CSV</a> <a class="button" href="/children/export.xlsx?<?= h($q) ?>" id="export-xlsx">导出 Excel</a><?php } ?>

<?php if (can($u, 'registry.edit')) { ?><a class="button" href="/children/new">新建档案</a><?php } ?></p>


<table class="list">
  <caption>儿童名单（身份证号已脱敏）</caption>
  <thead><tr><th scope="col">姓名</th><th scope="col">性别</th><th scope="col">年龄</th><th scope="col">身份证号</th><th scope="col">村（居）</th><th scope="col">类别</th><th scope="col">状态</th></tr></thead>
  <tbody>
  <?php foreach ($rows as $c) { ?>
    <tr>
      <td data-label="姓名"><a href="/children/<?= (int)$c['id'] ?>"><?= h($c['name']) ?></a></td>
      <td data-label="性别"><?= h(label(SEX, (string)$c['sex'])) ?></td>
      <td data-label="年龄"><?= (int)$c['age'] ?> 岁</td>
      <td data-label="身份证号" class="idno"><?= $c['masked'] !== null && $c['masked'] !== '' ? h($c['masked']) : '无身份证号' ?></td>
      <td data-label="村（居）"><?= h($vname[$c['village_code']] ?? '') ?></td>
      <td data-label="类别"><?= h(categories($c['cat_codes'])) ?></td>
      <td data-label="状态"><?= h(label(STATUS, $c['status'])) ?></td>
    </tr>
  <?php } ?>
  <?php if (!$rows) { ?><tr><td colspan="7">没有符合条件的儿童。</td></tr><?php } ?>
  </tbody>
</table>
<?php if ($more) { $last = end($rows); ?>
<nav class="pager" aria-label="分页">
  <a rel="next" href="/children?<?= h($q) ?>&amp;after=<?= rawurlencode($last['id'] . ':' . $last['name']) ?>">下一页</a>
</nav>
<?php }
page_foot();
