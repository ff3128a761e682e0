<link rel="stylesheet" href="/village/village.css">
<div class="vil">
<?cs with:f = Report ?>
<h1><?cs var:f.director ?> · <?cs var:f.month ?> 工作报告</h1>
<p id="status" data-status="<?cs var:f.status ?>"><?cs var:label("village.report", f.status) ?><?cs if:f.opinion ?>（<?cs if:f.status == "submitted" ?>上次退回意见<?cs else ?>意见<?cs /if ?>：<?cs var:f.opinion ?>）<?cs /if ?></p>
<?cs include:"report_figures.cs" ?>
<?cs if:f.note ?><p><?cs var:f.note ?></p><?cs /if ?>
<?cs if:CanReview && f.status == "submitted" ?>
<form method="post" action="/village/reports/<?cs var:f.id ?>/review" id="review-form"><?cs call:csrf() ?>
  <div class="field"><label for="f-decision">审核</label><select id="f-decision" name="decision"><option value="confirmed">确认</option><option value="returned">退回</option></select></div>
  <div class="field"><label for="f-opinion">意见（退回必填）</label><input type="text" id="f-opinion" name="opinion"></div>
  <button type="submit">提交审核</button></form>
<?cs /if ?>
<?cs /with ?>
</div>
