<h1>基本生活保障：<?cs var:Child.name ?></h1>
<p><a href="/children/<?cs var:Child.id ?>">查看儿童档案</a></p>

<section class="panel">
<h2>享受的保障</h2>
<?cs if:subcount(Grants) ?>
<table class="list">
  <thead><tr><th scope="col">保障类别</th><th scope="col">档次</th><th scope="col">起始月份</th><th scope="col">终止月份</th><th scope="col">下次复核</th><th scope="col">状态</th><?cs if:CanPay == "1" ?><th scope="col">操作</th><?cs /if ?></tr></thead>
  <tbody>
  <?cs each:g = Grants ?>
  <tr>
    <td><?cs var:label("living.benefit", g.benefit) ?></td><td><?cs var:label("living.subtype." + g.benefit, g.subtype) ?></td><td><?cs var:g.start ?></td>
    <td><?cs if:g.end_month ?><?cs var:g.end_month ?><?cs else ?>—<?cs /if ?></td>
    <td><?cs if:g.recheck ?><?cs var:g.recheck ?><?cs else ?>—<?cs /if ?></td>
    <td><?cs if:g.suspended ?>自 <?cs var:g.suspended ?> 起暂停<?cs else ?>正常发放<?cs /if ?></td>
    <?cs if:CanPay == "1" ?><td>
      <?cs if:g.suspended ?>
      <form method="post" action="/living/grants/<?cs var:g.id ?>/resume" class="inline-form">
        <?cs call:csrf() ?>
        <label>恢复月份 <input type="month" name="month" required></label>
        <button type="submit">恢复发放</button>
      </form>
      <?cs else ?>
      <form method="post" action="/living/grants/<?cs var:g.id ?>/suspend" class="inline-form">
        <?cs call:csrf() ?>
        <label>暂停月份 <input type="month" name="month" required></label>
        <label>原因 <input type="text" name="reason" maxlength="200" required></label>
        <button type="submit">暂停发放</button>
      </form>
      <?cs if:!g.end_month ?><form method="post" action="/living/grants/<?cs var:g.id ?>/stop" class="inline-form">
        <?cs call:csrf() ?>
        <label>停发月份 <input type="month" name="month" required></label>
        <label>终止原因 <input type="text" name="reason" maxlength="200" required></label>
        <button type="submit">终止发放</button>
      </form><?cs /if ?>
      <?cs /if ?>
    </td><?cs /if ?>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
<?cs else ?>
<p>该儿童目前没有基本生活保障。<a href="/living/apply?child=<?cs var:Child.id ?>">提出申请</a></p>
<?cs /if ?>
</section>

<section class="panel">
<h2>收款账户</h2>
<?cs if:Account.masked ?>
<dl class="facts"><dt>收款人</dt><dd><?cs var:Account.payee ?></dd><dt>开户行</dt><dd><?cs var:Account.bank ?></dd><dt>账号</dt><dd><?cs var:Account.masked ?></dd></dl>
<?cs else ?><p>尚未登记收款账户，发放时将列入“未登记账户”。</p><?cs /if ?>
<?cs if:CanAccount == "1" ?>
<form method="post" action="/living/children/<?cs var:Child.id ?>/account" class="narrow">
  <?cs call:csrf() ?>
  <?cs call:text_field("payee", "收款人", Form.payee, Errors.payee, 1) ?>
  <?cs call:text_field("bank", "开户行", Form.bank, Errors.bank, 1) ?>
  <div class="field<?cs if:Errors.account ?> has-error<?cs /if ?>"><label for="f-account">账号 <abbr title="必填">*</abbr></label><input type="text" id="f-account" name="account" value="<?cs var:Form.account ?>" inputmode="numeric" maxlength="<?cs var:Limits.account ?>" required autocomplete="off"><?cs call:field_error(Errors.account) ?></div>
  <button type="submit"><?cs if:Account.masked ?>更新账户<?cs else ?>登记账户<?cs /if ?></button>
</form>
<?cs /if ?>
</section>

<section class="panel">
<h2>最近发放记录</h2>
<?cs if:subcount(Payments) ?>
<table class="list">
  <thead><tr><th scope="col">发放月份</th><th scope="col">所属月份</th><th scope="col">类别</th><th scope="col">类型</th><th scope="col">金额（元）</th><th scope="col">说明</th></tr></thead>
  <tbody>
  <?cs each:p = Payments ?>
  <tr><td><a href="/payments/batch/<?cs var:p.batch_id ?>"><?cs var:p.month ?></a></td><td><?cs var:p.for_month ?></td><td><?cs var:label("living.benefit", p.benefit) ?></td>
    <td><?cs if:p.kind == "regular" ?>正常<?cs elif:p.kind == "backpay" ?>补发<?cs else ?>更正<?cs /if ?></td>
    <td class="num"><?cs var:money(p.amount_fen) ?></td><td><?cs var:p.note ?></td></tr>
  <?cs /each ?>
  </tbody>
</table>
<?cs else ?><p>暂无发放记录。</p><?cs /if ?>
</section>

<?cs if:CanPay == "1" && subcount(Grants) ?>
<form method="post" action="/living/payments/<?cs var:ThisMonth ?>/adjust" class="panel" id="adjust">
  <h2>补发或更正（记入 <?cs var:ThisMonth ?> 的发放批次）</h2>
  <?cs call:csrf() ?>
  <div class="field"><label for="f-grant">保障</label><select id="f-grant" name="grant_id"><?cs each:g = Grants ?><option value="<?cs var:g.id ?>"><?cs var:label("living.benefit", g.benefit) ?>（<?cs var:g.start ?> 起）</option><?cs /each ?></select></div>
  <div class="field"><label for="f-kind">类型</label><select id="f-kind" name="kind"><option value="backpay">补发</option><option value="correction">更正</option></select></div>
  <div class="field"><label for="f-for">所属月份</label><input type="month" id="f-for" name="for_month"></div>
  <div class="field"><label for="f-amount">更正金额（元，减少用负数）</label><input type="text" id="f-amount" name="amount" inputmode="decimal" maxlength="20"></div>
  <div class="field"><label for="f-note">说明</label><input type="text" id="f-note" name="note" maxlength="200"></div>
  <button type="submit">添加</button>
  <span class="hint">补发按所属月份的标准计算；更正是新增一条记录，原记录不变。</span>
</form>
<?cs /if ?>
