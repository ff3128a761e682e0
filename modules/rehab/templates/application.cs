<?cs with:a = App ?>
<h1><?cs var:a.type_title ?> #<?cs var:a.id ?></h1>
<?cs if:Errors.action ?><p class="form-error" role="alert"><?cs var:Errors.action ?></p><?cs /if ?>
<dl id="application">
  <dt>儿童</dt><dd><a href="/children/<?cs var:a.child_id ?>"><?cs var:a.child_name ?></a></dd>
  <dt>项目</dt><dd><?cs var:label("rehab.service", Detail.service) ?>，<?cs var:Detail.months ?> 个月，<?cs var:money(Detail.amount_fen) ?> 元<?cs if:Detail.months > 1 ?>/月<?cs /if ?></dd>
  <dt>定点机构</dt><dd><?cs var:Detail.org_name ?></dd>
  <?cs if:Detail.note ?><dt>情况说明</dt><dd><?cs var:Detail.note ?></dd><?cs /if ?>
  <dt>状态</dt><dd id="status" data-status="<?cs var:a.status ?>"><?cs var:a.status_title ?><?cs if:a.status == "open" ?>：<?cs var:a.step_title ?><?cs if:a.due ?>（期限 <?cs var:a.due ?><?cs if:a.overdue == "1" ?>，已逾期<?cs /if ?>）<?cs /if ?><?cs /if ?></dd>
  <?cs if:Detail.plan_id ?><dt>康复计划</dt><dd><a href="/rehab/plans/<?cs var:Detail.plan_id ?>" id="plan">#<?cs var:Detail.plan_id ?></a></dd><?cs /if ?>
</dl>
<?cs if:a.Can.approve || a.Can.return || a.Can.resubmit || a.Can.reject ?>
<form method="post" action="/rehab/applications/<?cs var:a.id ?>/act" class="narrow">
  <?cs call:csrf() ?>
  <div class="field"><label for="f-opinion">意见</label><textarea id="f-opinion" name="opinion" maxlength="2000"></textarea></div>
<?cs if:a.Can.approve || a.Can.reject ?><?cs call:wf_confirm() ?><?cs /if ?>
  <?cs if:a.Can.approve ?><button type="submit" name="action" value="approve">通过</button><?cs /if ?>
  <?cs if:a.Can.resubmit ?><button type="submit" name="action" value="resubmit">重新提交</button><?cs /if ?>
  <?cs if:a.Can.return ?><button type="submit" name="action" value="return">退回补正</button><?cs /if ?>
  <?cs if:a.Can.reject ?><button type="submit" name="action" value="reject">不予批准</button><?cs /if ?>
</form>
<?cs /if ?>
<ol id="history"><?cs each:h = a.History ?><li><?cs var:h.at ?> <?cs var:h.user ?>：<?cs var:h.step_title ?> <?cs var:h.action ?> <?cs var:h.opinion ?></li><?cs /each ?></ol>
<?cs /with ?>
