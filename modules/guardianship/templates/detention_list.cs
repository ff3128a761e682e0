<h1>父母被羁押儿童</h1>
<?cs if:IsPolice == "1" ?>
<h2>登记父母被羁押、儿童无人照料</h2>
<form method="post" action="/guardianship/detentions" class="narrow" id="detention-form"><?cs call:csrf() ?>
<div class="field"><label for="f-desc">儿童姓名与情况 *</label><textarea id="f-desc" name="child_desc" rows="2" maxlength="1000" required></textarea></div>
<div class="field"><label for="f-place">儿童住所（乡镇或村） *</label><select id="f-place" name="place"><option value="">请选择</option>
<?cs each:p = Places ?><option value="<?cs var:p.code ?>"><?cs if:p.level == "village" ?>　<?cs /if ?><?cs var:p.name ?></option><?cs /each ?></select></div>
<div class="field"><label for="f-parent">被羁押的父（母） *</label><input type="text" id="f-parent" name="parent_name" required></div>
<div class="field"><label for="f-kind">羁押类型 *</label><select id="f-kind" name="kind"><option value="administrative">行政拘留</option><option value="criminal">刑事羁押</option></select></div>
<div class="field"><label for="f-start">羁押开始 *</label><input type="date" id="f-start" name="start_date" required></div>
<div class="field"><label for="f-end">预计结束</label><input type="date" id="f-end" name="expected_end"></div>
<div class="field"><label for="f-inst">通知接收机构</label><select id="f-inst" name="institution"><option value="">无</option><?cs each:o = Institutions ?><option value="<?cs var:o.id ?>"><?cs var:o.name ?></option><?cs /each ?></select></div>
<button type="submit">登记并通知乡镇</button></form>
<?cs /if ?>
<table id="detentions"><thead><tr><th>编号</th><th>儿童</th><th>地区</th><th>被羁押人</th><th>类型</th><th>开始</th><th>状态</th></tr></thead><tbody>
<?cs each:d = Detentions ?><tr id="detention-<?cs var:d.id ?>"><td><a href="/guardianship/detentions/<?cs var:d.id ?>"><?cs var:d.id ?></a></td><td><?cs var:d.child_name ?></td><td><?cs var:division(d.division_code) ?></td><td><?cs var:d.parent_name ?></td><td><?cs if:d.kind == "criminal" ?>刑事羁押<?cs else ?>行政拘留<?cs /if ?></td><td><?cs var:date(d.start_date) ?></td><td><?cs if:d.status == "open" ?>照料中<?cs else ?>已结束<?cs /if ?></td></tr><?cs /each ?>
</tbody></table>
