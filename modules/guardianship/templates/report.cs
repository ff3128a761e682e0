<?cs with:g = Report ?>
<h1>保护个案第 <?cs var:g.id ?> 号</h1>
<dl id="report" data-access="<?cs var:Access ?>">
  <dt>儿童</dt><dd id="child"><?cs if:g.child_id ?><?cs var:g.child_name ?><?cs else ?>身份不明<?cs /if ?></dd>
  <dt>情形</dt><dd id="situation"><?cs var:label("guardianship.situation", g.situation) ?></dd>
  <dt>报告时间</dt><dd id="reported-at"><?cs var:datetime(g.reported_at) ?></dd>
  <dt>阶段</dt><dd id="stage" data-stage="<?cs var:g.stage ?>"><?cs var:label("guardianship.stage", g.stage) ?></dd>
  <?cs if:Access != "intake" ?>
  <dt>报警</dt><dd id="police"><?cs if:g.police_name ?><?cs var:g.police_name ?>，<?cs var:datetime(g.police_at) ?>，回执 <?cs var:g.police_receipt ?><?cs /if ?><?cs if:g.police_none_reason ?>（未能报警或无回执：<?cs var:g.police_none_reason ?>）<?cs /if ?><?cs if:g.police_ack_at ?>；派出所已于 <?cs var:datetime(g.police_ack_at) ?> 回执<?cs /if ?></dd>
  <?cs /if ?>
  <?cs if:Access == "police" || Access == "worker" || Access == "county" ?>
  <dt>发现时间</dt><dd><?cs var:datetime(g.found_at) ?></dd>
  <dt>发现地</dt><dd><?cs var:division(g.place) ?></dd>
  <?cs if:g.child_desc ?><dt>儿童特征与发现地点</dt><dd id="child-desc"><?cs var:g.child_desc ?></dd><?cs /if ?>
  <dt>发现的情况</dt><dd id="facts"><?cs var:g.facts ?></dd>
  <?cs /if ?>
  <?cs if:Access == "county" ?><dt>报告人（保密）</dt><dd id="reporter"><?cs var:g.reporter ?></dd><?cs /if ?>
  <?cs if:Access == "worker" || Access == "county" ?>
  <dt>确保安全时限</dt><dd id="safety-due"><?cs var:datetime(g.safety_due) ?><?cs if:g.safe_at ?>（<?cs var:datetime(g.safe_at) ?> 已确保）<?cs /if ?></dd>
  <?cs if:g.safety ?><dt>儿童现在何处</dt><dd id="safety"><?cs var:g.safety ?></dd><?cs /if ?>
  <?cs if:g.assessed_at ?><dt>评估</dt><dd id="assessment"><?cs var:label("guardianship.risk", g.risk) ?>：<?cs var:g.needs ?></dd><?cs elif:g.assess_due ?><dt>评估时限</dt><dd><?cs var:datetime(g.assess_due) ?></dd><?cs /if ?>
  <?cs if:g.planned_at ?><dt>干预方案</dt><dd id="plan"><?cs var:g.plan ?><?cs if:g.procuratorate == "1" ?>（已移送检察院）<?cs /if ?><?cs if:subcount(PlanItems) > 0 ?>
  <table id="plan-items"><thead><tr><th>目标</th><th>措施</th><th>责任人</th><th>完成时限</th></tr></thead><tbody><?cs each:x = PlanItems ?><tr id="plan-item-<?cs var:x.n ?>"><td><?cs var:x.goal ?></td><td><?cs var:x.measure ?></td><td><?cs var:x.responsible ?></td><td><?cs var:date(x.deadline) ?></td></tr><?cs /each ?></tbody></table><?cs /if ?></dd><dt>下次回访</dt><dd id="next-visit"><?cs var:date(g.next_visit) ?></dd><?cs elif:g.plan_due ?><dt>方案时限</dt><dd><?cs var:datetime(g.plan_due) ?></dd><?cs /if ?>
  <?cs if:g.closed_at ?><dt>结案</dt><dd id="outcome"><?cs var:datetime(g.closed_at) ?>：<?cs var:g.outcome ?></dd><?cs /if ?>
  <dt>个案工作人员</dt><dd id="workers"><?cs each:w = Workers ?><?cs var:w.display_name ?> <?cs /each ?></dd>
  <?cs /if ?>
</dl>
<?cs if:Access == "intake" && g.stage != "closed" ?>
<form method="post" action="/guardianship/reports/<?cs var:g.id ?>/take" class="inline"><?cs call:csrf() ?><button type="submit">接案</button></form>
<?cs /if ?>
<?cs if:Access == "police" && !g.police_ack_at ?>
<form method="post" action="/guardianship/reports/<?cs var:g.id ?>/police" class="inline"><?cs call:csrf() ?><button type="submit">回执：已接报</button></form>
<?cs /if ?>
<?cs if:(Access == "worker" || Access == "county") && g.stage != "closed" ?>
<?cs if:Access == "county" ?>
<form method="post" action="/guardianship/reports/<?cs var:g.id ?>/assign" class="inline"><?cs call:csrf() ?>
<label for="f-worker">指派个案工作人员（账号）</label><input type="text" id="f-worker" name="worker"> <button type="submit">确认知悉 / 指派</button></form>
<?cs /if ?>
<?cs if:!g.child_id ?>
<form method="post" action="/guardianship/reports/<?cs var:g.id ?>/identify" class="inline"><?cs call:csrf() ?>
<label for="f-child">查明身份：儿童档案编号</label><input type="number" id="f-child" name="child" required> <button type="submit">关联档案</button></form>
<?cs /if ?>
<?cs if:g.stage == "reported" ?>
<form method="post" action="/guardianship/reports/<?cs var:g.id ?>/safety" class="narrow" id="safety-form"><?cs call:csrf() ?>
<div class="field"><label for="f-where">紧急处置：儿童现在何处、临时安置情况 *</label><textarea id="f-where" name="where_now" rows="3" maxlength="2000" required></textarea></div>
<button type="submit">确保安全</button></form>
<?cs elif:g.stage == "safe" ?>
<form method="post" action="/guardianship/reports/<?cs var:g.id ?>/assess" class="narrow" id="assess-form"><?cs call:csrf() ?>
<div class="field"><label for="f-risk">风险等级 *</label><select id="f-risk" name="risk"><?cs each:o = Risks ?><option value="<?cs var:o.code ?>"><?cs var:o.title ?></option><?cs /each ?></select></div>
<div class="field"><label for="f-needs">需求 *</label><textarea id="f-needs" name="needs" rows="3" maxlength="4000" required></textarea></div>
<button type="submit">登记评估</button></form>
<?cs elif:g.stage == "assessed" ?>
<form method="post" action="/guardianship/reports/<?cs var:g.id ?>/plan" class="narrow" id="plan-form"><?cs call:csrf() ?>
<table id="plan-rows"><thead><tr><th>目标</th><th>措施</th><th>责任人</th><th>完成时限</th></tr></thead><tbody>
<?cs loop:i = 1, 4, 1 ?><tr><td><input name="goal" aria-label="目标 <?cs var:i ?>"></td><td><input name="measure" aria-label="措施 <?cs var:i ?>"></td><td><input name="responsible" aria-label="责任人 <?cs var:i ?>"></td><td><input type="date" name="deadline" aria-label="完成时限 <?cs var:i ?>"></td></tr><?cs /loop ?>
</tbody></table>
<div class="field"><label for="f-plan">方案说明（服务、监护支持、转介；已填表格可不填）</label><textarea id="f-plan" name="plan" rows="3" maxlength="4000"></textarea></div>
<div class="field"><label><input type="checkbox" name="procuratorate" value="1"> 移送检察院提起公益诉讼</label></div>
<button type="submit">登记方案</button></form>
<?cs elif:g.stage == "planned" ?>
<form method="post" action="/guardianship/reports/<?cs var:g.id ?>/visit" class="narrow" id="visit-form"><?cs call:csrf() ?>
<div class="field"><label for="f-vdate">回访日期 *</label><input type="date" id="f-vdate" name="visit_date" required></div>
<div class="field"><label for="f-notes">回访情况 *</label><textarea id="f-notes" name="notes" rows="3" maxlength="4000" required></textarea></div>
<button type="submit">登记回访</button></form>
<?cs /if ?>
<form method="post" action="/guardianship/reports/<?cs var:g.id ?>/close" class="narrow" id="close-form"><?cs call:csrf() ?>
<div class="field"><label for="f-outcome">结案情况 *</label><input type="text" id="f-outcome" name="outcome" required></div>
<button type="submit">结案</button></form>
<?cs /if ?>
<?cs if:subcount(Events) ?>
<h2>办理记录</h2>
<table id="events"><thead><tr><th>时间</th><th>人员</th><th>事项</th><th>说明</th></tr></thead><tbody>
<?cs each:e = Events ?><tr><td><?cs var:datetime(e.at) ?></td><td><?cs var:e.display_name ?></td><td><?cs var:label("guardianship.event", e.kind) ?></td><td><?cs if:e.visit_date ?><?cs var:date(e.visit_date) ?> <?cs /if ?><?cs var:e.notes ?></td></tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs /with ?>
