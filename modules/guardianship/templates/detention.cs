<?cs with:d = Det ?>
<h1>父母被羁押儿童第 <?cs var:d.id ?> 号</h1>
<dl id="detention">
<dt>儿童</dt><dd id="child"><?cs var:d.child_desc ?><?cs if:d.child_name ?>（档案：<?cs var:d.child_name ?>）<?cs /if ?></dd>
<dt>住所</dt><dd><?cs var:division(d.division_code) ?></dd>
<dt>被羁押人</dt><dd><?cs var:d.parent_name ?>，<?cs if:d.kind == "criminal" ?>刑事羁押<?cs else ?>行政拘留<?cs /if ?>，自 <?cs var:date(d.start_date) ?><?cs if:d.expected_end ?> 至 <?cs var:date(d.expected_end) ?><?cs /if ?></dd>
<dt>登记单位</dt><dd><?cs var:d.police_name ?></dd>
<?cs if:d.institution_name ?><dt>接收机构</dt><dd><?cs var:d.institution_name ?></dd><?cs /if ?>
<dt>临时照料</dt><dd id="care"><?cs if:d.care_at ?><?cs var:d.care ?>（<?cs var:datetime(d.care_at) ?>）<?cs else ?>尚未安排<?cs /if ?></dd>
<dt>状态</dt><dd id="status" data-status="<?cs var:d.status ?>"><?cs if:d.status == "open" ?>照料中<?cs else ?>已结束（<?cs var:date(d.end_date) ?>）<?cs /if ?></dd>
</dl>
<?cs if:d.received_at ?><p id="received">机构已接收（<?cs var:datetime(d.received_at) ?>）</p><?cs /if ?>
<?cs if:d.status == "open" && Who == "3" && !d.received_at ?>
<form method="post" action="/guardianship/detentions/<?cs var:d.id ?>/receive" class="inline"><?cs call:csrf() ?>
<button type="submit" id="receive">已接收儿童</button></form>
<?cs /if ?>
<?cs if:d.status == "open" && Who != "3" ?>
<?cs if:IsPolice != "1" ?>
<form method="post" action="/guardianship/detentions/<?cs var:d.id ?>/care" class="narrow"><?cs call:csrf() ?>
<div class="field"><label for="f-child">儿童档案编号</label><input type="number" id="f-child" name="child" value="<?cs var:d.child_id ?>"></div>
<div class="field"><label for="f-care">临时照料安排 *</label><textarea id="f-care" name="care" rows="2" maxlength="1000" required></textarea></div>
<button type="submit">登记临时照料</button></form>
<?cs /if ?>
<?cs if:d.care_at ?>
<form method="post" action="/guardianship/detentions/<?cs var:d.id ?>/close" class="inline"><?cs call:csrf() ?>
<select name="end_reason"><option value="released">父母释放</option><option value="guardian_found">已有其他监护人</option><option value="other">其他</option></select>
<input type="date" name="end_date" required> <button type="submit">结束</button></form>
<?cs /if ?>
<?cs /if ?>
<?cs /with ?>
