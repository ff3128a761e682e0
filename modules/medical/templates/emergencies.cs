<h1>急救病例</h1>
<p class="hint">身份不明或无力支付的儿童，医院或卫健委先救治、立即登记（无需身份证号），县级收到紧急任务后确认身份、落实救治费用。</p>
<?cs if:Can.open ?>
<form method="post" action="/medical/emergencies" class="panel narrow" id="open">
  <h2>登记急救病例</h2>
  <?cs call:csrf() ?>
  <?cs if:OwnHospital ?><p>救治医院：<?cs var:OwnHospital ?></p><?cs call:field_error(Errors.hospital) ?><?cs else ?>
  <div class="field"><label for="f-hospital">救治医院 <abbr title="必填">*</abbr></label>
    <select id="f-hospital" name="hospital" required><option value="">请选择</option>
    <?cs each:h = Hospitals ?><option value="<?cs var:h.id ?>"<?cs if:h.id == Form.hospital ?> selected<?cs /if ?>><?cs var:h.name ?></option><?cs /each ?></select><?cs call:field_error(Errors.hospital) ?></div>
  <?cs /if ?>
  <div class="field"><label for="f-reason">情形 <abbr title="必填">*</abbr></label>
    <select id="f-reason" name="reason" required><?cs each:o = Reasons ?><option value="<?cs var:o.code ?>"<?cs if:o.code == Form.reason ?> selected<?cs /if ?>><?cs var:o.title ?></option><?cs /each ?></select><?cs call:field_error(Errors.reason) ?></div>
  <div class="field"><label for="f-desc">儿童情况（外貌、估计年龄、伤病） <abbr title="必填">*</abbr></label>
    <textarea id="f-desc" name="description" maxlength="1000" required><?cs var:Form.description ?></textarea><?cs call:field_error(Errors.description) ?></div>
  <?cs call:text_field("place_found", "发现地点", Form.place_found, Errors.place_found, 1) ?>
  <div class="field"><label for="f-found">发现日期 <abbr title="必填">*</abbr></label>
    <input type="date" id="f-found" name="found_on" value="<?cs if:Form.found_on ?><?cs var:Form.found_on ?><?cs else ?><?cs var:Today ?><?cs /if ?>" max="<?cs var:Today ?>" required><?cs call:field_error(Errors.found_on) ?></div>
  <div class="actions"><button type="submit">登记并通知县级</button></div>
</form>
<?cs /if ?>
<table class="list" id="cases">
  <thead><tr><th scope="col">编号</th><th scope="col">情形</th><th scope="col">发现</th><th scope="col">医院</th><th scope="col">救治费用（元）</th><th scope="col">状态</th></tr></thead>
  <tbody>
  <?cs each:c = Cases ?><tr><td><a href="/medical/emergencies/<?cs var:c.id ?>">#<?cs var:c.id ?></a></td><td><?cs var:label("medical.emergency_reason", c.reason) ?></td><td><?cs var:date(c.found_on) ?> <?cs var:c.place_found ?></td><td><?cs var:c.hospital ?></td><td><?cs var:money(c.cost_fen) ?></td><td><?cs var:label("medical.emergency_status", c.status) ?><?cs if:c.child_name ?>：<?cs var:c.child_name ?><?cs /if ?></td></tr><?cs /each ?>
  <?cs if:!subcount(Cases) ?><tr><td colspan="6">暂无病例。</td></tr><?cs /if ?>
  </tbody>
</table>
