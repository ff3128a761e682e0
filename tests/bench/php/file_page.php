<?php
// Bench-only: the child's file page, the portal's HTML with its data filled
// in (included by file.php, which has read everything)
declare(strict_types=1);
require_once __DIR__ . '/panels_static.php';
$cid = (int)$c['id'];
$ids = array_column($family_ids, 1, 0);
?>
<h1>儿童档案：<?= h($c['name']) ?></h1>
<nav class="file-actions" aria-label="档案操作">
  <a href="/children">返回台账</a>
  <a href="/children/<?= $cid ?>/print">打印版</a>
<?php if ($edit) { ?>  <a href="/children/<?= $cid ?>/edit">修改身份信息</a>
<?php } ?>
</nav>
<section class="panel" id="identity-section">
  <h2>身份信息</h2>
<dl class="facts" id="identity">
  <dt>姓名</dt><dd id="child-name"><?= h($c['name']) ?></dd>
  <dt>性别</dt><dd><?= h(label(SEX, (string)$c['sex'])) ?></dd>
  <dt>出生日期</dt><dd><?= h($c['birth_date']) ?>（<?= (int)$c['age'] ?> 周岁）</dd>
  <dt>民族</dt><dd><?= h($c['ethnicity']) ?></dd>
  <dt>公民身份号码</dt><dd id="child-id"><?= $c['id_masked'] ? h($c['id_masked']) : '无（' . h($c['no_id_reason']) . '）' ?></dd>
  <dt>户籍地</dt><dd><?= h($c['hukou']) ?></dd>
  <dt>现住址</dt><dd><?= h($c['address']) ?></dd>
  <dt>所在村（社区）</dt><dd><?= h($div[$c['township_code']][1] ?? '') ?> <?= h($div[$c['village_code']][1] ?? '') ?></dd>
  <dt>就读学校</dt><dd><?= h($c['school']) ?> <?= h($c['school_grade']) ?></dd>
  <dt>健康状况</dt><dd><?= h($c['health']) ?></dd>
  <dt>残疾情况</dt><dd><?= $c['disability_type'] ? h(label(DISABILITY, $c['disability_type']) . ' ' . label(GRADE, (string)$c['disability_grade'])) . ($c['disability_cert_expiry'] ? '，残疾证有效期至 ' . h($c['disability_cert_expiry']) . ($c['disability_cert_expiry'] < $today ? '（已过期）' : '') : '') : '无' ?></dd>
  <dt>安置方式</dt><dd><?= h($c['placement']) ?></dd>
  <dt>档案状态</dt><dd id="child-status"><?= h(label(STATUS, $c['status'])) ?></dd>
  <dt>建档时间</dt><dd><?= local_minute($c['created_at']) ?></dd>
  <dt>最后修改</dt><dd><?= local_minute($c['updated_at']) ?></dd>
</dl>
</section>
<section class="panel" id="family">
  <h2>家庭成员及监护人</h2>
<table class="list" id="family-table">
  <caption>家庭成员及监护人（<?= count($family) ?> 人）</caption>
  <thead><tr><th scope="col">关系</th><th scope="col">姓名</th><th scope="col">身份证号</th><th scope="col">情况</th><th scope="col">监护人</th><th scope="col">电话</th><th scope="col">备注</th><?= $edit ? '<th scope="col">操作</th>' : '' ?></tr></thead>
  <tbody>
<?php foreach ($family as $m) { ?>
  <tr><td data-label="关系"><?= h($m['relation']) ?></td><td data-label="姓名"><?= h($m['name']) ?></td><td data-label="身份证号"><?= isset($ids[$m['id']]) ? '已登记' : '' ?></td>
    <td data-label="情况"><?= h(label(SITUATION, $m['situation'])) ?></td><td data-label="监护人"><?= (int)$m['guardian'] ? '是' : '否' ?></td>
    <td data-label="电话"><?= h($m['phone']) ?></td><td data-label="备注"><?= h($m['note']) ?></td>
    <?php if ($edit) { ?><td data-label="操作"><a href="/children/<?= $cid ?>/family/<?= (int)$m['id'] ?>/edit">更正或删除</a></td><?php } ?></tr>
<?php } ?>
<?php if (!$family) { ?><tr><td colspan="8">尚未登记。</td></tr><?php } ?>
  </tbody>
</table>
<?php if ($edit) { ?>
  <form method="post" action="/children/<?= $cid ?>/family">
    <fieldset><legend>添加家庭成员</legend>
    <?= $csrf ?>
<div class="field">
  <label for="f-relation">关系（如 父亲、母亲、祖母） <abbr title="必填">*</abbr></label>
  <input type="text" id="f-relation" name="relation" value="" maxlength="16" required>
</div>
<div class="field">
  <label for="f-name">姓名 <abbr title="必填">*</abbr></label>
  <input type="text" id="f-name" name="name" value="" maxlength="30" required>
</div>
<div class="field"><label for="f-id_number">身份证号（可不填）</label><input type="text" id="f-id_number" name="id_number" value="" maxlength="18" autocomplete="off"></div>
<div class="field">
  <label for="f-situation">情况 <abbr title="必填">*</abbr></label>
  <select id="f-situation" name="situation" required>
    <option value="">请选择</option>
    <?= str_replace('value="normal"', 'value="normal" selected', options(SITUATION)) ?>
  </select>
</div>
<div class="field"><label><input type="checkbox" name="is_guardian" value="1"> 是监护人</label></div>
<div class="field">
  <label for="f-phone">电话</label>
  <input type="text" id="f-phone" name="phone" value="" maxlength="32">
</div>
<div class="field">
  <label for="f-note">备注</label>
  <input type="text" id="f-note" name="note" value="" maxlength="200">
</div>
    <button type="submit">添加</button>
    </fieldset>
  </form>
<?php } ?>
</section>
<section class="panel" id="categories">
  <h2>困境类别</h2>
<table class="list" id="category-table">
  <caption>困境类别（当前和历史）</caption>
  <thead><tr><th scope="col">类别</th><th scope="col">认定依据</th><th scope="col">开始日期</th><th scope="col">退出日期</th><th scope="col">退出原因</th><th scope="col">登记人</th><?= $edit ? '<th scope="col">操作</th>' : '' ?></tr></thead>
  <tbody>
<?php foreach ($cats as $k) { $kid = (int)$k['id']; ?>
  <tr>
    <td data-label="类别"><?= h(label(CATEGORY, $k['category'])) ?><?= $k['end_date'] ? '' : '（当前）' ?></td>
    <td data-label="认定依据"><?= h($k['basis']) ?></td><td data-label="开始日期"><?= h($k['start_date']) ?></td><td data-label="退出日期"><?= h($k['end_date']) ?></td>
    <td data-label="退出原因"><?= $k['exit_reason'] ? h(label(EXIT_REASON, $k['exit_reason'])) . ($k['exit_note'] ? '：' . h($k['exit_note']) : '') : '' ?></td>
    <td data-label="登记人"><?= h($k['entered_by']) ?></td>
<?php if ($edit) { ?>
    <td data-label="操作"><?php if (!$k['end_date']) { ?>
      <form method="post" action="/children/<?= $cid ?>/categories/<?= $kid ?>/exit" class="exit-form">
        <?= $csrf ?>
        <label for="x-end-<?= $kid ?>">退出日期</label>
        <input type="date" id="x-end-<?= $kid ?>" name="end_date" value="<?= $today ?>" required>
        <label for="x-reason-<?= $kid ?>">原因</label>
        <select id="x-reason-<?= $kid ?>" name="exit_reason" required><option value="">请选择</option><?= options(EXIT_REASON) ?></select>
        <label for="x-note-<?= $kid ?>">说明</label>
        <input type="text" id="x-note-<?= $kid ?>" name="exit_note" maxlength="200">
<div class="field confirm" id="confirm-confirm">
  <label><input type="checkbox" name="confirm" value="1" required> 我已核对，确认退出此类别（退出记录不能修改）</label>
</div>
        <button type="submit">退出此类别</button>
      </form>
    <?php } ?></td>
<?php } ?>
  </tr>
<?php } ?>
<?php if (!$cats) { ?><tr><td colspan="7">尚未登记任何类别。</td></tr><?php } ?>
  </tbody>
</table>
<?php if ($edit) { ?>
  <form method="post" action="/children/<?= $cid ?>/categories">
    <fieldset><legend>登记进入类别</legend>
    <?= $csrf ?>
<div class="field">
  <label for="f-category">类别 <abbr title="必填">*</abbr></label>
  <select id="f-category" name="category" required>
    <option value="">请选择</option>
    <?= options(CATEGORY) ?>
  </select>
</div>
<div class="field">
  <label for="f-basis">认定依据（文件、证明） <abbr title="必填">*</abbr></label>
  <input type="text" id="f-basis" name="basis" value="" maxlength="200" required>
</div>
<div class="field">
  <label for="f-start_date">开始日期 <abbr title="必填">*</abbr></label>
  <input type="date" id="f-start_date" name="start_date" value="<?= $today ?>" placeholder="2015-03-01" required>
</div>
    <button type="submit">登记</button>
    </fieldset>
  </form>
<?php } ?>
</section>
<section class="panel" id="attachments">
  <h2>证明材料</h2>
  <table class="list" id="attachment-table">
    <caption>附件（<?= count($files) ?> 份）</caption>
    <thead><tr><th scope="col">材料类型</th><th scope="col">文件名</th><th scope="col">大小</th><th scope="col">上传时间</th><th scope="col">上传人</th><?= $edit ? '<th scope="col">操作</th>' : '' ?></tr></thead>
    <tbody>
<?php foreach ($files as $a) { $aid = (int)$a['id']; ?>
    <tr><td data-label="材料类型"><?= h($a['kind']) ?></td><td data-label="文件名"><a href="/children/<?= $cid ?>/attachments/<?= $aid ?>"><?= h($a['filename']) ?></a></td><td data-label="大小"><?= round((int)$a['size'] / 1024) ?> KB</td><td data-label="上传时间"><?= local_minute($a['at']) ?></td><td data-label="上传人"><?= h($a['who']) ?></td><?php if ($edit) { ?><td data-label="操作"><a href="/children/<?= $cid ?>/attachments/<?= $aid ?>/edit">更正或删除</a></td><?php } ?></tr>
<?php } ?>
<?php if (!$files) { ?>    <tr><td colspan="6">暂无材料。</td></tr><?php } ?>
    </tbody>
  </table>
<?php if ($edit) { ?>
  <form method="post" action="/children/<?= $cid ?>/attachments" enctype="multipart/form-data">
    <fieldset><legend>上传材料</legend>
    <?= $csrf ?>
    <div class="field"><label for="f-kind">材料类型 <abbr title="必填">*</abbr></label>
      <select id="f-kind" name="kind" required><option value="">请选择</option><?php foreach (ATTACHMENT_KINDS as $kind) { ?><option><?= $kind ?></option><?php } ?></select></div>
    <div class="field"><label for="f-file">文件 <abbr title="必填">*</abbr></label>
      <input type="file" id="f-file" name="file" accept="image/jpeg,image/png,application/pdf" required>
      <span class="hint">只接受 JPEG、PNG 图片或 PDF 文件，最大 8 MB。</span></div>
    <button type="submit">上传</button>
    </fieldset>
  </form>
<?php } ?>
</section>
<section class="panel" id="applications-section">
  <h2>办理记录</h2>
  <table class="list" id="applications">
    <thead><tr><th scope="col">编号</th><th scope="col">申请事项</th><th scope="col">提交日期</th><th scope="col">状态</th><th scope="col">当前环节</th></tr></thead>
    <tbody>
<?php foreach ($apps as $a) { $open = in_array($a['status'], ['open', 'returned'], true); ?>
    <tr><td><a href="/<?= h($a['module']) ?>/applications/<?= (int)$a['id'] ?>">#<?= (int)$a['id'] ?></a></td><td><?= h($a['type_title']) ?></td><td><?= substr(local_minute($a['started_at']), 0, 10) ?></td>
      <td><?= h(['open' => '办理中', 'returned' => '退回补正中', 'approved' => '已批准', 'rejected' => '不予批准'][$a['status']] ?? $a['status']) ?></td>
      <td><?= $open ? h($a['step_title']) : '已办结' ?></td></tr>
<?php } ?>
<?php if (!$apps) { ?>    <tr><td colspan="5">没有申请记录。</td></tr><?php } ?>
    </tbody>
  </table>
</section>
<?= panels_before_living($cid) ?>
<section class="panel child-panel" id="panel-living-2" data-module="living">
  <h2>生活保障</h2>
  <table class="list">
    <thead><tr><th scope="col">保障类别</th><th scope="col">月标准（元）</th><th scope="col">起始月份</th><th scope="col">终止月份</th><th scope="col">状态</th></tr></thead>
    <tbody>
<?php foreach ($grants as $g) { ?>
    <tr><td data-label="保障类别"><?= h(LIVING_RATE[$g['benefit'] . ':' . $g['subtype']] ?? label(LIVING_BENEFIT, $g['benefit'])) ?></td><td data-label="月标准（元）"><?= grant_amount($g) ?></td><td data-label="起始月份"><?= h($g['start']) ?></td><td data-label="终止月份"><?= h($g['end_month'] ?? '在保') ?></td><td data-label="状态"><?= h(grant_status($g)) ?></td></tr>
<?php } ?>
<?php if (!$grants) { ?>    <tr><td colspan="5">暂无记录</td></tr><?php } ?>
    </tbody>
  </table>
<?php if ((int)$paid['n'] > 0) { ?>  <p class="hint panel-note">已锁定的月度发放中共 <?= (int)$paid['n'] ?> 笔，合计 <?= yuan($paid['fen']) ?> 元。</p><?php } ?>
  <p><a href="/living/children/<?= $cid ?>">查看详情</a></p>
</section>
<?= panels_after_living($cid, substr($today, 0, 4), $caps, $visit) ?>
<section class="panel child-panel" id="panel-volunteer-7" data-module="volunteer">
  <h2>社会力量服务</h2>
  <table class="list">
    <thead><tr><th scope="col">服务日期</th><th scope="col">社会组织</th><th scope="col">服务类型</th><th scope="col">时长（分钟）</th><th scope="col">参与志愿者</th></tr></thead>
    <tbody>
<?php foreach ($vlogs as $l) { ?>
    <tr><td data-label="服务日期"><?= h($l[0]) ?></td><td data-label="社会组织"><?= h($l[1]) ?></td><td data-label="服务类型"><?= h($l[2]) ?></td><td data-label="时长（分钟）"><?= (int)$l[3] ?></td><td data-label="参与志愿者"><?= h($l[4]) ?></td></tr>
<?php } ?>
<?php if (!$vlogs) { ?>    <tr><td colspan="5">暂无记录</td></tr><?php } ?>
    </tbody>
  </table>
  <p class="hint panel-note">经乡镇核实的服务共 <?= (int)$vsum[0] ?> 次，合计 <?= intdiv((int)$vsum[1], 60) ?> 小时 <?= (int)$vsum[1] % 60 ?> 分钟。</p>
</section>
<section class="panel child-panel" id="panel-volunteer-8" data-module="volunteer">
  <h2>爱心寄养与助养</h2>
  <table class="list">
    <thead><tr><th scope="col">关爱方式</th><th scope="col">提供方</th><th scope="col">开始日期</th><th scope="col">备注</th><th scope="col">结束</th></tr></thead>
    <tbody>
<?php foreach ($care as $m) { ?>
    <tr><td data-label="关爱方式"><?= h($m['kind']) ?></td><td data-label="提供方"><?= h($m['offerer']) ?></td><td data-label="开始日期"><?= h($m['start_date']) ?></td><td data-label="备注"><?= h($m['notes']) ?></td><td data-label="结束"><?= h($m['end_date']) ?></td></tr>
<?php } ?>
<?php if (!$care) { ?>    <tr><td colspan="5">暂无记录</td></tr><?php } ?>
    </tbody>
  </table>
</section>
<section class="panel child-panel" id="panel-volunteer-9" data-module="volunteer">
  <h2>受赠记录</h2>
  <table class="list">
    <thead><tr><th scope="col">捐赠方</th><th scope="col">捐款（元）</th><th scope="col">捐赠物资</th><th scope="col">认捐日期</th><th scope="col">送达日期</th><th scope="col">状态</th></tr></thead>
    <tbody>
<?php foreach ($gifts as $d) { ?>
    <tr><td data-label="捐赠方"><?= h($d['donor']) ?></td><td data-label="捐款（元）"><?= yuan($d['money_fen']) ?></td><td data-label="捐赠物资"><?= h($d['goods']) ?></td><td data-label="认捐日期"><?= h($d['pledged_date']) ?></td><td data-label="送达日期"><?= h($d['delivered_date']) ?></td><td data-label="状态"><?= h($d['status']) ?></td></tr>
<?php } ?>
<?php if (!$gifts) { ?>    <tr><td colspan="6">暂无记录</td></tr><?php } ?>
    </tbody>
  </table>
<?php if ((int)$gsum[0] > 0) { ?>  <p class="hint panel-note">共 <?= (int)$gsum[0] ?> 笔，捐款 <?= yuan($gsum[1]) ?> 元，已送达 <?= yuan($gsum[2]) ?> 元。</p><?php } ?>
</section>
<section class="panel" id="timeline-section">
  <h2>变更记录</h2>
<table class="list" id="timeline">
  <caption>变更记录（最新在前）</caption>
  <thead><tr><th scope="col">时间</th><th scope="col">模块</th><th scope="col">内容</th><th scope="col">操作人</th></tr></thead>
  <tbody>
<?php foreach ($events as $e) { ?>
  <tr><td data-label="时间"><?= local_minute($e['at']) ?></td><td data-label="模块"><?= h(label(MODULE_TITLE, $e['module'])) ?></td><td data-label="内容" class="summary"><?= h($e['summary']) ?></td><td data-label="操作人"><?= h($e['who']) ?></td></tr>
<?php } ?>
  </tbody>
</table>
</section>
<section class="panel" id="holds-section">
  <h2>各模块中的记录</h2>
<table class="list" id="holds">
  <caption>各模块中的记录</caption>
  <thead><tr><th scope="col">模块</th><th scope="col">保存的内容</th><th scope="col">变更记录</th><th scope="col">最后变更</th></tr></thead>
  <tbody>
<?php foreach ($holds as $m) { ?>
  <tr><td data-label="模块"><?= h(label(MODULE_TITLE, $m['module'])) ?></td>
    <td data-label="保存的内容"><?= $m['module'] === 'registry' ? '身份信息、家庭成员 ' . count($family) . ' 人、类别记录 ' . count($cats) . ' 条、材料 ' . count($files) . ' 份' : '' ?></td>
    <td data-label="变更记录"><?= (int)$m['events'] ?> 条</td><td data-label="最后变更"><?= local_minute($m['last']) ?></td></tr>
<?php } ?>
  </tbody>
</table>
</section>
