<h1>康复机构与定点医院</h1>
<p>机构本身在“机构管理”中登记（类别：康复服务机构、医院）；此处维护其定点服务、价格、定点期和收款账户。</p>
<table class="list" id="providers">
  <thead><tr><th scope="col">机构</th><th scope="col">定点服务</th><th scope="col">价格（元）</th><th scope="col">定点期</th><th scope="col">收款账户</th></tr></thead>
  <tbody>
  <?cs each:p = Providers ?><tr>
    <td><?cs var:p.name ?></td><td><?cs var:labels("rehab.service", p.services) ?></td><td class="num"><?cs var:money(p.price_fen) ?></td>
    <td><?cs if:p.approved_from ?><?cs var:date(p.approved_from) ?> 至 <?cs var:date(p.approved_to) ?><?cs if:p.approved_to < Today ?>（已过期）<?cs /if ?><?cs else ?>未定点<?cs /if ?></td>
    <td><?cs var:p.bank_name ?> <?cs var:p.account_masked ?></td>
  </tr><?cs /each ?>
  </tbody>
</table>
<section class="panel" id="provider-form">
  <h2>登记或修改定点信息</h2>
  <form method="post" action="/rehab/providers" class="narrow">
    <?cs call:csrf() ?>
    <div class="field"><label for="f-org">机构</label><select id="f-org" name="org"><?cs each:p = Providers ?><option value="<?cs var:p.id ?>"><?cs var:p.name ?></option><?cs /each ?></select></div>
    <fieldset><legend>定点服务</legend><?cs each:v = Services ?><label><input type="checkbox" name="service" value="<?cs var:v.code ?>"> <?cs var:v.title ?></label> <?cs /each ?></fieldset>
    <?cs call:text_field("price", "价格（元/月或元/次）", "", "", 1) ?>
    <div class="field"><label for="f-from">定点起始日期</label><input type="date" id="f-from" name="from" required></div>
    <div class="field"><label for="f-to">定点截止日期</label><input type="date" id="f-to" name="to" required></div>
    <?cs call:text_field("bank", "开户行（修改账户时填写）", "", "", 0) ?>
    <?cs call:text_field("account", "账号", "", "", 0) ?>
    <button type="submit">保存</button>
  </form>
</section>
