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
  <?cs else ?><p>保障儿童 <?cs if:Totals.children ?><?cs var:Totals.children ?><?cs else ?>0<?cs /if ?> 人，<?cs var:Totals.lines ?> 笔，发放金额 <?cs var:money(Totals.amount_fen) ?> 元（<?cs var:label("payments.status", Totals.status) ?>，<a href="/payments/batch/<?cs var:Totals.batch ?>">查看支付批次</a>）。</p><?cs /if ?>
</section>
<?cs /if ?>
<section class="panel" id="inbox-section">
  <h2>待我办理</h2>
  <?cs call:wf_inbox_paged("/living", 0) ?>
  <?cs if:InboxSelect ?>
  <?cs call:wf_batch_form("/living/applications/batch") ?>
  <?cs /if ?>
</section>
