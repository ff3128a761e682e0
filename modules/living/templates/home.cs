<?cs include:"wf_macros.cs" ?>
<h1>基本生活保障</h1>
<p>
  <?cs if:Can.apply ?><a class="button" href="/living/apply">新建申请</a><?cs /if ?>
  <a href="/living/overdue">逾期未办结的申请</a>
  <?cs if:Can.rates ?>· <a href="/admin/settings/living">保障标准</a><?cs /if ?>
  · <a href="/living/rechecks">低保复核</a>
  · <a href="/living/payments">月度发放</a>
  · <a href="/living/report">月报</a>
</p>
<?cs if:HasTotals ?>
<section class="panel" id="totals">
  <h2>本月发放（<?cs var:Totals.month ?>）</h2>
  <?cs if:Totals.status == "none" ?><p>本月发放名单尚未生成。</p>
  <?cs else ?><p>保障儿童 <?cs alt:Totals.children ?>0<?cs /alt ?> 人，<?cs var:Totals.lines ?> 笔，发放金额 <?cs var:money(Totals.amount_fen) ?> 元（<?cs var:label("payments.status", Totals.status) ?>，<a href="/payments/batch/<?cs var:Totals.batch ?>">查看支付批次</a>）。</p><?cs /if ?>
</section>
<?cs /if ?>
<section class="panel" id="inbox-section">
  <h2>待我办理</h2>
  <?cs call:wf_inbox_table(Inbox, 0) ?>
  <?cs if:InboxSelect ?>
  <form method="post" action="/living/applications/batch" id="batch-form" class="panel">
    <?cs call:csrf() ?>
    <h3>批量通过</h3>
    <p class="hint">在上表勾选处于同一环节的申请，一次通过。每件申请都按单独办理时的规则逐件检查（辖区、环节、权限、职责分离），不符合的不办理并说明原因。</p>
    <?cs call:field_error(Errors.app) ?>
    <div class="field"><label for="f-batch-opinion">意见（各件相同）</label>
      <textarea id="f-batch-opinion" name="opinion" maxlength="2000"><?cs var:Form.opinion ?></textarea></div>
    <?cs call:wf_confirm() ?>
    <button type="submit">批量通过所选申请</button>
  </form>
  <?cs /if ?>
</section>
