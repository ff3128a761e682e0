<?cs include:"wf_macros.cs" ?><?cs with:a = App ?>
<h1>医疗救助申请 #<?cs var:a.id ?></h1>
<?cs if:Errors.action ?><p class="form-error" role="alert"><?cs var:Errors.action ?></p><?cs /if ?>
<section class="panel" id="state">
  <h2>办理情况</h2>
  <dl>
    <dt>儿童</dt><dd><a href="/children/<?cs var:a.child_id ?>"><?cs var:a.child_name ?></a> · <a href="/medical/children/<?cs var:a.child_id ?>">医疗保障情况</a></dd>
    <dt>申请内容</dt><dd><?cs var:a.summary ?></dd>
    <dt>状态</dt><dd id="status" data-status="<?cs var:a.status ?>"><?cs var:a.status_title ?></dd>
    <?cs if:a.status == "open" || a.status == "returned" ?>
    <dt>当前环节</dt><dd id="step" data-step="<?cs var:a.step ?>"><?cs var:a.step_title ?></dd>
    <?cs if:Aid.step_due ?><dt>本环节办理期限</dt><dd id="due"><?cs var:date(Aid.step_due) ?>（工作日，按模块设置）<?cs if:Aid.step_due < Today ?> <strong class="overdue-mark">已逾期</strong><?cs /if ?></dd><?cs /if ?>
    <?cs /if ?>
  </dl>
</section>
<section class="panel" id="details">
  <h2>就医信息</h2>
  <dl>
    <dt>就医类型</dt><dd><?cs var:label("medical.case_type", Aid.case_type) ?></dd>
    <dt>医院</dt><dd id="hospital"><?cs var:Aid.hospital ?></dd>
    <dt>日期</dt><dd><?cs var:date(Aid.start_date) ?> 至 <?cs var:date(Aid.end_date) ?></dd>
    <dt>诊断</dt><dd><?cs var:Aid.diagnosis ?></dd>
    <dt>票据</dt><dd id="receipts"><?cs each:f = Receipts ?><a href="/medical/aid/<?cs var:a.id ?>/receipts/<?cs var:f.id ?>"><?cs var:f.filename ?></a> <?cs /each ?><?cs if:!subcount(Receipts) ?>未上传<?cs /if ?></dd>
  </dl>
  <?cs include:"aid_figures.cs" ?>
  <p><a href="/medical/aid/<?cs var:a.id ?>/sheet" id="sheet-link">结算单（可打印）</a></p>
</section>
<?cs if:a.Can.approve || a.Can.return || a.Can.resubmit || a.Can.reject ?>
<section class="panel" id="act">
  <h2>办理</h2>
  <form method="post" action="/medical/aid/<?cs var:a.id ?>/act" class="narrow">
    <?cs call:csrf() ?>
    <div class="field"><label for="f-opinion">意见</label>
      <textarea id="f-opinion" name="opinion" maxlength="2000" placeholder="退回补正：一次性列明需要补正的全部材料；不予批准：写明理由"></textarea></div>
    <?cs call:wf_act_buttons(a) ?>
  </form>
</section>
<?cs /if ?>
<?cs call:wf_history(a.History) ?>
<?cs /with ?>
