<?cs include!"pay_macros.cs" ?>
<h1><?cs var:Month.month ?> 月度发放</h1>
<p class="summary">状态：<strong id="month-status" data-status="<?cs var:Month.status ?>"><?cs call:month_status(Month.status) ?></strong>。
生成：<?cs var:Month.generated_by ?> <?cs var:datetime(Month.generated_at) ?><?cs if:Month.reviewed_at ?>；复核：<?cs var:Month.reviewed_by ?> <?cs var:datetime(Month.reviewed_at) ?><?cs /if ?><?cs if:Month.locked_at ?>；锁定：<?cs var:Month.locked_by ?> <?cs var:datetime(Month.locked_at) ?><?cs /if ?>。</p>
<p>
  <a class="button" href="/living/payments/<?cs var:Month.month ?>/summary">打印汇总表</a>
  <a class="button" href="/living/payments/<?cs var:Month.month ?>/bank.csv">导出银行代发文件</a>
</p>
<?cs if:Month.status != "locked" ?>
<div class="actions">
  <?cs if:Month.status == "generated" ?>
  <form method="post" action="/living/payments/<?cs var:Month.month ?>/review" class="inline"><?cs call:csrf() ?><button type="submit">复核通过</button></form>
  <?cs /if ?>
  <?cs if:Month.status == "reviewed" ?>
  <form method="post" action="/living/payments/<?cs var:Month.month ?>/lock" class="inline"><?cs call:csrf() ?><button type="submit">锁定本月名单</button></form>
  <?cs /if ?>
</div>
<?cs /if ?>

<table class="list" id="totals">
  <caption>按乡镇和保障项目汇总</caption>
  <thead><tr><th scope="col">乡镇（街道）</th><th scope="col">保障项目</th><th scope="col">人数</th><th scope="col">记录数</th><th scope="col">金额（元）</th></tr></thead>
  <tbody>
  <?cs each:t = Totals.Rows ?>
    <tr><td><?cs var:division(t.township_code) ?></td><td><?cs var:label("living.benefit", t.benefit) ?></td><td class="num"><?cs var:t.children ?></td><td class="num"><?cs var:t.lines ?></td><td class="num"><?cs var:money(t.amount_fen) ?></td></tr>
  <?cs /each ?>
  </tbody>
  <tfoot><tr><th scope="row" colspan="3">合计</th><td class="num" id="total-lines"><?cs var:Totals.lines ?></td><td class="num" id="total-amount"><?cs var:money(Totals.amount_fen) ?></td></tr></tfoot>
</table>

<?cs if:Month.status != "locked" ?>
<form method="post" action="/living/payments/<?cs var:Month.month ?>/adjust" class="panel">
  <?cs call:csrf() ?>
  <h2>补发或更正</h2>
  <p class="hint">补发：所属月份应发未发（如审批较晚），金额按所属月份的标准自动计算。更正：填写金额（减少用负数）和说明。已锁定月份的记录不会被修改。</p>
  <div class="field"><label for="f-kind">类型</label>
    <select id="f-kind" name="kind"><option value="backpay">补发</option><option value="correction">更正</option></select></div>
  <div class="field"><label for="f-grant">保障记录编号</label><input type="text" id="f-grant" name="grant_id" inputmode="numeric" required></div>
  <div class="field"><label for="f-for">所属月份</label><input type="month" id="f-for" name="for_month"></div>
  <div class="field"><label for="f-amount">金额（元，仅更正）</label><input type="text" id="f-amount" name="amount"></div>
  <div class="field"><label for="f-note">说明</label><input type="text" id="f-note" name="note" maxlength="200"></div>
  <button type="submit">添加</button>
</form>
<?cs /if ?>

<h2>未登记账户</h2>
<p class="summary">以下 <?cs var:NoAccount.lines ?> 条记录（合计 <?cs var:money(NoAccount.amount_fen) ?> 元）的儿童尚未登记发放账户，不在银行代发文件中，请乡镇尽快登记。</p>
<table class="list" id="no-account">
  <thead><tr><th scope="col">儿童</th><th scope="col">乡镇（街道）</th><th scope="col">保障项目</th><th scope="col">类型</th><th scope="col">金额（元）</th><th scope="col">账户</th></tr></thead>
  <tbody>
  <?cs each:x = NoAccount.Rows ?>
    <tr><td><a href="/children/<?cs var:x.child_id ?>"><?cs var:x.child ?></a></td><td><?cs var:division(x.township_code) ?></td><td><?cs var:label("living.benefit", x.benefit) ?></td><td><?cs call:line_kind(x.kind) ?></td><td class="num"><?cs var:money(x.amount_fen) ?></td><td><a href="/living/children/<?cs var:x.child_id ?>">登记账户</a></td></tr>
  <?cs /each ?>
  <?cs if:!subcount(NoAccount.Rows) ?><tr><td colspan="6">没有未登记账户的记录。</td></tr><?cs /if ?>
  </tbody>
</table>

<h2>发放明细</h2>
<table class="list" id="lines">
  <thead><tr><th scope="col">编号</th><th scope="col">儿童</th><th scope="col">乡镇（街道）</th><th scope="col">保障项目</th><th scope="col">类型</th><th scope="col">所属月份</th><th scope="col">金额（元）</th><th scope="col">账号</th><th scope="col">说明</th></tr></thead>
  <tbody>
  <?cs each:x = Lines.Rows ?>
    <tr><td><?cs var:x.id ?></td><td><a href="/children/<?cs var:x.child_id ?>"><?cs var:x.child ?></a></td><td><?cs var:division(x.township_code) ?></td><td><?cs var:label("living.benefit", x.benefit) ?>（记录 <?cs var:x.grant_id ?>）</td><td><?cs call:line_kind(x.kind) ?></td><td><?cs var:x.for_month ?></td><td class="num"><?cs var:money(x.amount_fen) ?></td><td><?cs if:x.account ?><?cs var:x.account ?><?cs else ?>未登记账户<?cs /if ?></td><td><?cs var:x.note ?></td></tr>
  <?cs /each ?>
  <?cs if:!subcount(Lines.Rows) ?><tr><td colspan="9">没有发放记录。</td></tr><?cs /if ?>
  </tbody>
</table>
<nav class="pager" aria-label="分页">
  <?cs if:Lines.First ?><a href="<?cs var:Lines.Base ?>">第一页</a><?cs /if ?>
  <?cs if:Lines.Next ?><a rel="next" href="<?cs var:Lines.Base ?>after=<?cs var:url_escape(Lines.Next) ?>">下一页</a><?cs /if ?>
</nav>
