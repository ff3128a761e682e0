<?cs with:p = Policy ?>
<h1><?cs var:label("medical.policy_kind", p.kind) ?>：<?cs var:p.policy_no ?></h1>
<dl id="policy">
  <dt>保险公司</dt><dd><?cs var:p.insurer ?></dd>
  <dt>保险期间</dt><dd><?cs var:date(p.start_date) ?> 至 <?cs var:date(p.end_date) ?></dd>
  <dt>每人保费</dt><dd><?cs var:money(p.premium_fen) ?> 元</dd>
  <dt>资金来源</dt><dd id="funded"><?cs var:p.funded_by ?><?cs if:p.project_id ?>（<a href="/volunteer/projects/<?cs var:p.project_id ?>" id="project">慈善项目第 <?cs var:p.project_id ?> 号</a>）<?cs /if ?></dd>
  <dt>参保儿童</dt><dd id="count"><?cs var:Count.n ?> 人</dd>
</dl>
<section class="panel" id="insure">
  <h2>添加参保儿童</h2>
  <form method="post" action="/medical/policies/<?cs var:p.id ?>/children" class="inline"><?cs call:csrf() ?><input type="hidden" name="mode" value="category">
    <label>按类别（您辖区内今天属于该类别的儿童） <select name="category"><?cs each:c = Categories ?><option value="<?cs var:c.code ?>"><?cs var:c.title ?></option><?cs /each ?></select></label> <button type="submit">添加</button></form>
  <form method="post" action="/medical/policies/<?cs var:p.id ?>/children" class="inline" enctype="multipart/form-data"><?cs call:csrf() ?><input type="hidden" name="mode" value="import">
    <label>导入名单（Excel 或 CSV，含“儿童编号”或“公民身份号码”列） <input type="file" name="file" required></label> <button type="submit">导入</button></form>
  <form method="post" action="/medical/policies/<?cs var:p.id ?>/children" class="inline"><?cs call:csrf() ?><input type="hidden" name="mode" value="hand">
    <label>逐个添加：儿童编号 <input type="number" name="child" min="1" required></label> <button type="submit">添加</button></form>
</section>
<section class="panel" id="claims">
  <h2>理赔</h2>
  <table class="list"><thead><tr><th scope="col">编号</th><th scope="col">儿童</th><th scope="col">出险日期</th><th scope="col">经过</th><th scope="col">申请（元）</th><th scope="col">结果</th><th scope="col">赔付（元）</th></tr></thead><tbody>
  <?cs each:m = Claims ?><tr><td>#<?cs var:m.id ?></td><td><?cs var:m.child_name ?></td><td><?cs var:date(m.event_date) ?></td><td><?cs var:m.description ?></td><td><?cs var:money(m.claimed_fen) ?></td>
    <td><?cs var:label("medical.claim_outcome", m.outcome) ?><?cs if:m.outcome_note ?>：<?cs var:m.outcome_note ?><?cs /if ?>
    <?cs if:m.outcome == "pending" ?><form method="post" action="/medical/policies/<?cs var:p.id ?>/claims/<?cs var:m.id ?>" class="inline"><?cs call:csrf() ?>
      <select name="outcome" aria-label="理赔结果"><option value="paid">已赔付</option><option value="rejected">拒赔</option></select>
      <input type="text" name="paid" placeholder="赔付金额（元）" aria-label="赔付金额"><input type="text" name="note" placeholder="说明（拒赔须写原因）" aria-label="说明">
      <button type="submit">登记结果</button></form><?cs /if ?></td>
    <td><?cs var:money(m.paid_fen) ?></td></tr><?cs /each ?>
  </tbody></table>
  <?cs call:field_error(Errors.outcome) ?><?cs call:field_error(Errors.paid) ?><?cs call:field_error(Errors.note) ?>
  <form method="post" action="/medical/policies/<?cs var:p.id ?>/claims" class="narrow"><?cs call:csrf() ?>
    <?cs call:text_field("child", "儿童编号", Form.child, Errors.child, 1) ?>
    <div class="field"><label for="f-ev">出险日期 <abbr title="必填">*</abbr></label><input type="date" id="f-ev" name="event_date" value="<?cs var:Form.event_date ?>" max="<?cs var:Today ?>" required><?cs call:field_error(Errors.event_date) ?></div>
    <?cs call:text_field("description", "出险经过", Form.description, Errors.description, 1) ?>
    <?cs call:text_field("claimed", "申请理赔金额（元）", Form.claimed, Errors.claimed, 1) ?>
    <div class="actions"><button type="submit">登记理赔申请</button></div>
  </form>
</section>
<section class="panel" id="insured">
  <h2>参保儿童（前 500 名）</h2>
  <table class="list"><thead><tr><th scope="col">编号</th><th scope="col">姓名</th><th scope="col">村（社区）</th><th scope="col">加入方式</th></tr></thead><tbody>
  <?cs each:c = Insured ?><tr><td><?cs var:c.id ?></td><td><a href="/children/<?cs var:c.id ?>"><?cs var:c.name ?></a></td><td><?cs var:division(c.village_code) ?></td><td><?cs if:c.added_how == "category" ?>按类别<?cs elif:c.added_how == "import" ?>导入<?cs else ?>逐个添加<?cs /if ?></td></tr><?cs /each ?>
  </tbody></table>
</section>
<?cs /with ?>
