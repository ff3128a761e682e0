<?cs with:e = Case ?>
<h1>急救病例 #<?cs var:e.id ?></h1>
<dl id="case">
  <dt>情形</dt><dd><?cs var:label("medical.emergency_reason", e.reason) ?></dd>
  <dt>状态</dt><dd id="status" data-status="<?cs var:e.status ?>"><?cs var:label("medical.emergency_status", e.status) ?><?cs if:e.child_id ?>：<a href="/children/<?cs var:e.child_id ?>"><?cs var:e.child_name ?></a><?cs /if ?></dd>
  <dt>救治医院</dt><dd><?cs var:e.hospital ?></dd>
  <dt>发现</dt><dd><?cs var:date(e.found_on) ?>，<?cs var:e.place_found ?></dd>
  <dt>儿童情况</dt><dd><?cs var:e.description ?></dd>
  <dt>登记时间</dt><dd><?cs var:datetime(e.created_at) ?></dd>
</dl>
<section class="panel" id="costs">
  <h2>救治费用（急救基金）：合计 <?cs var:money(e.cost_fen) ?> 元</h2>
  <table class="list"><thead><tr><th scope="col">日期</th><th scope="col">项目</th><th scope="col">金额（元）</th></tr></thead><tbody>
  <?cs each:c = Costs ?><tr><td><?cs var:date(c.cost_date) ?></td><td><?cs var:c.item ?></td><td><?cs var:money(c.amount_fen) ?></td></tr><?cs /each ?>
  </tbody></table>
  <form method="post" action="/medical/emergencies/<?cs var:e.id ?>/costs" class="inline"><?cs call:csrf() ?>
    <label>日期 <input type="date" name="cost_date" value="<?cs var:Today ?>" max="<?cs var:Today ?>" required></label><?cs call:field_error(Errors.cost_date) ?>
    <label>项目 <input type="text" name="item" maxlength="100" required></label><?cs call:field_error(Errors.item) ?>
    <label>金额（元） <input type="text" name="amount" required></label><?cs call:field_error(Errors.amount) ?>
    <button type="submit">登记费用</button></form>
</section>
<?cs if:Can.identify && e.status == "open" ?>
<section class="panel" id="identify">
  <h2>确认身份，关联儿童档案</h2>
  <p class="hint">先按姓名查找已建档的儿童；尚未建档的，请先在<a href="/children/new">儿童台账</a>中新建档案（可无身份证号），再回到此处关联。</p>
  <form method="get" action="/medical/emergencies/<?cs var:e.id ?>" role="search"><label>儿童姓名 <input type="text" name="q" maxlength="64" required></label> <button type="submit">查找</button></form>
  <?cs call:field_error(Errors.child) ?>
  <?cs each:c = Found ?>
  <form method="post" action="/medical/emergencies/<?cs var:e.id ?>/identify" class="inline"><?cs call:csrf() ?>
    <input type="hidden" name="child" value="<?cs var:c.id ?>"><?cs var:c.name ?>（<?cs var:date(c.birth_date) ?>，<?cs var:division(c.village_code) ?>） <button type="submit">确认为该儿童</button></form>
  <?cs /each ?>
</section>
<?cs /if ?>
<?cs /with ?>
