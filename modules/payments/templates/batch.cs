<?cs with:b = Batch ?>
<h1><?cs var:b.title ?></h1>
<dl id="batch">
  <dt>模块</dt><dd><?cs var:label("payments.module", b.module) ?></dd>
  <dt>项目</dt><dd><?cs var:label(b.programme_kind, b.programme) ?></dd>
  <dt>月份</dt><dd><?cs var:b.period ?></dd>
  <dt>状态</dt><dd id="batch-status" data-status="<?cs var:b.status ?>"><?cs var:label("payments.status", b.status) ?></dd>
  <dt>建立</dt><dd><?cs var:b.created_by ?> <?cs var:datetime(b.created_at) ?></dd>
  <?cs if:b.reviewed_at ?><dt>复核</dt><dd id="reviewed-by"><?cs var:b.reviewed_by ?> <?cs var:datetime(b.reviewed_at) ?></dd><?cs /if ?>
  <?cs if:b.locked_at ?><dt>锁定</dt><dd><?cs var:b.locked_by ?> <?cs var:datetime(b.locked_at) ?></dd><?cs /if ?>
  <?cs if:b.exported_at ?><dt>导出</dt><dd><?cs var:b.exported_by ?> <?cs var:datetime(b.exported_at) ?></dd><?cs /if ?>
</dl>
<p>
  <a class="button" href="/payments/batch/<?cs var:b.id ?>/summary">打印汇总表</a>
  <a class="button" href="/payments/batch/<?cs var:b.id ?>/lines">导出明细（Excel）</a>
</p>
<?cs if:Total.n_lines == "0" && (b.status == "draft" || b.status == "reviewed") ?>
<p class="form-error" role="alert" id="empty-batch">注意：该批次没有任何发放明细（发放名单为空），不能复核或锁定。请先核对是否已生成发放名单、保障对象是否已登记。</p>
<?cs /if ?>
<?cs if:Errors.review || Errors.lock ?><p class="form-error" role="alert" id="step-error"><?cs var:Errors.review ?><?cs var:Errors.lock ?></p><?cs /if ?>
<div class="actions">
  <?cs if:b.status == "draft" && Can.review ?>
  <form method="post" action="/payments/batch/<?cs var:b.id ?>/review" class="inline" id="review-form"><?cs call:csrf() ?><button type="submit">复核通过</button></form>
  <span class="hint">复核人不能是该批次的建立人或录入人。</span>
  <?cs /if ?>
  <?cs if:b.status == "reviewed" && Can.lock ?>
  <form method="post" action="/payments/batch/<?cs var:b.id ?>/lock" id="lock-form"><?cs call:csrf() ?>
    <?cs call:confirm_box("confirm", "我已核对，确认锁定（锁定后不能再添加或修改明细，合计 " + money(Total.amount_fen) + " 元）", Errors.confirm, 1) ?>
    <button type="submit">锁定批次</button>
    <span class="hint">锁定人不能是该批次的建立人、录入人或复核人。</span>
  </form>
  <?cs /if ?>
  <?cs if:(b.status == "locked" || b.status == "exported") && Can.export ?>
  <form method="post" action="/payments/batch/<?cs var:b.id ?>/bank" class="inline"><?cs call:csrf() ?><button type="submit">导出银行代发文件</button></form>
  <?cs /if ?>
</div>
<?cs /with ?>
<?cs include!"batch_totals.cs" ?>
<?cs if:NoAccount.n_lines != "0" ?>
<p class="summary" id="no-account">其中 <?cs var:NoAccount.n_lines ?> 条明细（合计 <?cs var:money(NoAccount.amount_fen) ?> 元）尚未登记收款账户，不在银行代发文件中。</p>
<?cs /if ?>
<h2>发放明细</h2>
<table class="list" id="lines">
  <thead><tr><th scope="col">编号</th><th scope="col">儿童</th><th scope="col">乡镇（街道）</th><th scope="col">项目</th><th scope="col">所属月份</th><th scope="col">金额（元）</th><th scope="col">事由</th><th scope="col">收款人</th><th scope="col">账号</th></tr></thead>
  <tbody>
  <?cs each:l = Lines.Rows ?><tr data-line="<?cs var:l.id ?>">
    <td><?cs var:l.id ?></td>
    <td><?cs var:l.child ?><?cs if:l.id_last4 ?> <span class="muted"><?cs var:mask_id(l.id_last4) ?></span><?cs /if ?></td>
    <td><?cs var:division(l.township_code) ?></td>
    <td><?cs var:label(Batch.programme_kind, l.programme) ?></td>
    <td><?cs var:l.period ?><?cs if:l.backpay == "1" ?> <strong class="backpay">补发</strong><?cs /if ?></td>
    <td class="num"><?cs var:money(l.amount_fen) ?></td>
    <td><?cs var:l.reason ?><?cs if:l.corrects_id ?>（更正第 <?cs var:l.corrects_id ?> 条）<?cs /if ?></td>
    <td><?cs var:l.holder ?></td>
    <td><?cs var:l.account_masked ?></td>
  </tr><?cs /each ?>
  <?cs if:!subcount(Lines.Rows) ?><tr><td colspan="9">您辖区内没有该批次的明细。</td></tr><?cs /if ?>
  </tbody>
</table>
<?cs if:Lines.Next ?><nav class="pager" aria-label="分页"><?cs if:Lines.First ?><a href="/payments/batch/<?cs var:Batch.id ?>">第一页</a> <?cs /if ?><a rel="next" href="/payments/batch/<?cs var:Batch.id ?>?after=<?cs var:Lines.Next ?>">下一页</a></nav>
<?cs elif:Lines.First ?><nav class="pager" aria-label="分页"><a href="/payments/batch/<?cs var:Batch.id ?>">第一页</a></nav><?cs /if ?>
