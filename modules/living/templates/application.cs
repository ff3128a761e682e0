<?cs include:"wf_macros.cs" ?><?cs with:a = App ?>
<h1><?cs var:a.type_title ?>申请 #<?cs var:a.id ?></h1>
<?cs if:Errors.action && !Errors.wf_confirm ?><p class="form-error" role="alert"><?cs var:Errors.action ?></p><?cs /if ?>
<section class="panel" id="state">
  <h2>办理情况</h2>
  <dl>
    <dt>儿童</dt><dd><a href="/children/<?cs var:a.child_id ?>"><?cs var:a.child_name ?></a>（<?cs var:a.township ?> <?cs var:a.village ?>） <a href="/living/children/<?cs var:a.child_id ?>">保障与发放</a></dd>
    <dt>申请内容</dt><dd><?cs var:a.summary ?></dd>
    <dt>提交时间</dt><dd><?cs var:a.started_at ?></dd>
    <dt>状态</dt><dd id="status" data-status="<?cs var:a.status ?>"><?cs var:a.status_title ?></dd>
    <?cs if:a.status == "open" || a.status == "returned" ?>
    <dt>当前环节</dt><dd id="step" data-step="<?cs var:a.step ?>"><?cs var:a.step_title ?>（<?cs var:a.step_level ?>办理，<?cs var:a.step_started ?> 起）</dd>
    <?cs if:a.in_publicity ?><dt>公示期</dt><dd id="publicity">公示至 <?cs var:a.publicity_until ?><?cs if:a.after_objection ?>（异议复核后再次公示）<?cs /if ?>，期满无异议自动进入下一环节</dd><?cs /if ?>
    <?cs if:a.due ?><dt>本环节办理期限</dt><dd id="due"><?cs var:a.due ?><?cs if:a.overdue == "1" ?> <strong class="overdue-mark" id="overdue">已逾期 <?cs var:a.days_over ?> 天</strong><?cs /if ?></dd><?cs /if ?>
    <?cs /if ?>
    <?cs if:a.total_limit ?><dt>总时限</dt><dd id="total"><?cs var:a.total_limit ?> <?cs var:a.total_unit ?>（民主评议、公示期间不计），已用 <?cs var:a.total_used ?> <?cs var:a.total_unit ?><?cs if:a.total_overdue == "1" ?>，<strong class="overdue-mark">超出 <?cs var:a.total_over ?> <?cs var:a.total_unit ?></strong><?cs elif:a.status == "open" ?>，剩余 <?cs var:a.total_remaining ?> <?cs var:a.total_unit ?><?cs /if ?></dd><?cs /if ?>
  </dl>
</section>

<section class="panel" id="details">
  <h2>申请信息</h2>
  <?cs with:d = Detail ?>
  <dl>
    <dt>类别</dt><dd><?cs var:label("living.subtype." + d.benefit, d.subtype) ?><?cs if:d.care_level ?>，护理等级：<?cs var:label("living.care", d.care_level) ?><?cs /if ?></dd>
    <?cs if:d.amount_fen ?><dt>救助金额</dt><dd><?cs var:money(d.amount_fen) ?> 元</dd><?cs /if ?>
    <?cs if:d.household_note ?><dt>家庭情况</dt><dd><?cs var:d.household_note ?></dd><?cs /if ?>
    <?cs if:d.income_note ?><dt>收入情况</dt><dd><?cs var:d.income_note ?></dd><?cs /if ?>
    <?cs if:d.visit_date ?><dt>入户调查</dt><dd id="visit"><?cs var:d.visit_date ?>：<?cs var:d.visit_findings ?></dd><?cs /if ?>
  </dl>
  <?cs /with ?>
  <?cs each:g = Grants ?><p id="grant">已批准发放：<?cs var:label("living.type", g.benefit) ?>（<?cs var:label("living.subtype." + g.benefit, g.subtype) ?>），自 <?cs var:g.start_month ?> 起<?cs if:g.end_month ?>，至 <?cs var:g.end_month ?><?cs /if ?>。</p><?cs /each ?>
</section>

<section class="panel" id="steps">
  <h2>办理流程</h2>
  <ol>
  <?cs each:st = a.Steps ?><li<?cs if:st.current ?> class="current" aria-current="step"<?cs /if ?>><?cs var:st.title ?>（<?cs var:st.level ?><?cs if:st.limit ?>，<?cs var:st.limit ?><?cs /if ?><?cs if:st.not_counted ?>，不计入总时限<?cs /if ?>）</li><?cs /each ?>
  </ol>
</section>

<?cs if:a.Can.approve || a.Can.return || a.Can.resubmit || a.Can.reject || a.Can.object ?>
<section class="panel" id="act">
  <h2>办理</h2>
  <form method="post" action="/living/applications/<?cs var:a.id ?>/act" class="narrow">
    <?cs call:csrf() ?>
    <?cs if:a.step == "investigate" && a.Can.approve ?>
    <div class="field"><label for="f-visit-date">入户日期（通过调查核实时必填）</label>
      <input type="date" id="f-visit-date" name="visit_date" max="<?cs var:Today ?>" value="<?cs var:Form.visit_date ?>"><?cs call:field_error(Errors.visit_date) ?></div>
    <div class="field"><label for="f-visit">入户调查情况</label>
      <textarea id="f-visit" name="visit_findings" maxlength="2000"><?cs var:Form.visit_findings ?></textarea><?cs call:field_error(Errors.visit_findings) ?></div>
    <?cs /if ?>
    <div class="field"><label for="f-opinion">意见</label>
      <textarea id="f-opinion" name="opinion" maxlength="2000" placeholder="退回补正：一次性列明需要补正的全部材料；不予批准：写明理由；异议：写明异议内容"><?cs var:Form.opinion ?></textarea><?cs call:field_error(Errors.opinion) ?></div>
    <?cs if:!a.Can.approve && a.CannotApprove ?><p class="hint" id="cannot"><?cs var:a.CannotApprove ?></p><?cs /if ?>
    <?cs call:wf_act_buttons(a) ?>
  </form>
</section>
<?cs elif:a.CannotApprove && (a.status == "open") ?>
<p class="hint" id="cannot"><?cs var:a.CannotApprove ?></p>
<?cs /if ?>

<?cs call:wf_history(a.History) ?>
<?cs /with ?>
