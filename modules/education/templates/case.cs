<?cs with:a = App ?>
<h1>控辍保学案件 #<?cs var:a.id ?></h1>
<?cs if:Errors.action ?><p class="form-error" role="alert"><?cs var:Errors.action ?></p><?cs /if ?>
<?cs if:Errors.outcome ?><p class="form-error" role="alert"><?cs var:Errors.outcome ?></p><?cs /if ?>
<dl id="state">
  <dt>儿童</dt><dd><a href="/education/children/<?cs var:a.child_id ?>"><?cs var:a.child_name ?></a>（<?cs var:a.township ?> <?cs var:a.village ?>）</dd>
  <dt>原因</dt><dd><?cs var:label("education.dropout_reason", Case.reason) ?><?cs if:Case.note ?>：<?cs var:Case.note ?><?cs /if ?></dd>
  <dt>最后就读学校</dt><dd><?cs var:Case.school ?></dd>
  <dt>发现日期</dt><dd><?cs var:date(Case.detected_on) ?></dd>
  <dt>状态</dt><dd id="status" data-status="<?cs var:a.status ?>"><?cs var:a.status_title ?><?cs if:Case.outcome ?>：<span id="outcome"><?cs var:label("education.outcome", Case.outcome) ?></span><?cs /if ?></dd>
  <?cs if:a.status == "open" ?><dt>当前环节</dt><dd id="step" data-step="<?cs var:a.step ?>"><?cs var:a.step_title ?></dd>
  <?cs if:a.due ?><dt>办理期限</dt><dd id="due"><?cs var:a.due ?><?cs if:a.overdue == "1" ?> <strong class="overdue-mark" id="overdue">已逾期 <?cs var:a.days_over ?> 天</strong><?cs /if ?></dd><?cs /if ?><?cs /if ?>
</dl>
<ol id="steps"><?cs each:st = a.Steps ?><li<?cs if:st.current ?> class="current" aria-current="step"<?cs /if ?>><?cs var:st.title ?>（<?cs var:st.level ?>，<?cs var:st.limit ?>）</li><?cs /each ?></ol>
<?cs if:a.Can.approve || a.Can.reject ?>
<section class="panel" id="act"><h2>办理</h2>
<form method="post" action="/education/applications/<?cs var:a.id ?>/act" class="narrow">
  <?cs call:csrf() ?>
  <?cs if:a.step == "outcome" ?>
  <div class="field"><label for="f-outcome">办理结果</label>
    <select id="f-outcome" name="outcome"><option value="">请选择</option><?cs each:o = Outcomes ?><?cs if:o.code != "unfounded" ?><option value="<?cs var:o.code ?>"><?cs var:o.title ?></option><?cs /if ?><?cs /each ?></select></div>
  <?cs /if ?>
  <div class="field"><label for="f-opinion">意见</label><textarea id="f-opinion" name="opinion" maxlength="2000"></textarea></div>
<?cs if:a.Can.approve || a.Can.reject ?><?cs call:wf_confirm() ?><?cs /if ?>
  <?cs if:a.Can.approve ?><button type="submit" name="action" value="approve">完成本环节</button><?cs /if ?>
  <?cs if:a.Can.reject ?><button type="submit" name="action" value="reject">核实非辍学，结案</button><?cs /if ?>
</form></section>
<?cs /if ?>
<table class="list" id="history">
  <caption>办理记录</caption>
  <thead><tr><th scope="col">时间</th><th scope="col">办理人</th><th scope="col">环节</th><th scope="col">操作</th><th scope="col">意见</th></tr></thead>
  <tbody><?cs each:h = a.History ?><tr><td><?cs var:h.at ?></td><td><?cs var:h.user ?></td><td><?cs var:h.step_title ?></td><td><?cs var:h.action_title ?></td><td><?cs var:h.opinion ?></td></tr><?cs /each ?></tbody>
</table>
<?cs /with ?>
