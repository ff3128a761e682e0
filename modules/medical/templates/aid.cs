<?cs with:a = App ?>
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
<?cs if:a.Can.approve || a.Can.reject ?><?cs call:wf_confirm() ?><?cs /if ?>
    <div class="actions">
      <?cs if:a.Can.approve ?><button type="submit" name="action" value="approve">通过</button><?cs /if ?>
      <?cs if:a.Can.resubmit ?><button type="submit" name="action" value="resubmit">材料已补齐，重新提交</button><?cs /if ?>
      <?cs if:a.Can.return ?><button type="submit" name="action" value="return">退回补正（一次性告知）</button><?cs /if ?>
      <?cs if:a.Can.reject ?><button type="submit" name="action" value="reject">不予批准</button><?cs /if ?>
    </div>
  </form>
</section>
<?cs /if ?>
<section class="panel" id="history">
  <h2>办理记录</h2>
  <table class="list">
    <thead><tr><th scope="col">时间</th><th scope="col">环节</th><th scope="col">操作</th><th scope="col">办理人</th><th scope="col">意见</th></tr></thead>
    <tbody>
    <?cs each:h = a.History ?><tr><td><?cs var:h.at ?></td><td><?cs var:h.step_title ?></td><td><?cs var:h.action_title ?></td><td><?cs var:h.user ?></td><td class="summary"><?cs var:h.opinion ?></td></tr><?cs /each ?>
    </tbody>
  </table>
</section>
<?cs /with ?>
