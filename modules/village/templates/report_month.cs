<link rel="stylesheet" href="/village/village.css">
<div class="vil">
<h1><?cs var:Month ?> 工作报告</h1>
<?cs if:Report.id ?><p>已提交：<a href="/village/reports/<?cs var:Report.id ?>"><?cs var:label("village.report", Report.status) ?></a></p><?cs /if ?>
<?cs with:f = Figures ?><?cs include:"report_figures.cs" ?><?cs /with ?>
<?cs if:!Report.id || Report.status == "returned" ?>
<form method="post" action="/village/reports/month/<?cs var:Month ?>" id="report-form"><?cs call:csrf() ?>
  <div class="field"><label for="f-note">工作说明（困难、需要乡镇协调的事）</label><textarea id="f-note" name="note" maxlength="1000"><?cs var:Form.note ?></textarea></div>
  <button type="submit">提交乡镇</button></form>
<?cs /if ?>
</div>
