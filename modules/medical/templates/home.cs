<?cs include:"wf_macros.cs" ?>
<h1>医疗保障</h1>
<p class="actions">
<?cs if:Can.apply ?><a href="/medical/aid/new">申请医疗救助</a><?cs /if ?>
<?cs if:Can.premium ?> · <a href="/medical/premiums">参保资助名单</a><?cs /if ?>
<?cs if:Can.county ?> · <a href="/medical/hospitals">医院收款账户</a><?cs /if ?>
<?cs if:Can.emergency || Can.emergency_county ?> · <a href="/medical/emergencies">急救病例</a><?cs /if ?>
</p>
<section class="panel" id="inbox">
  <h2>待办（<?cs var:InboxCount ?>）</h2>
  <?cs call:wf_inbox_paged("/medical", 0) ?>
  <?cs if:InboxSelect ?><?cs call:wf_batch_form("/medical/applications/batch") ?><?cs /if ?>
</section>
<section class="panel" id="recent">
  <h2>医疗救助申请</h2>
  <table class="list">
    <thead><tr><th scope="col">编号</th><th scope="col">儿童</th><th scope="col">类型</th><th scope="col">入院（就诊）</th><th scope="col">政策范围内自付（元）</th><th scope="col">救助（元）</th><th scope="col">状态</th><th scope="col">本环节期限</th></tr></thead>
    <tbody>
    <?cs each:a = Recent ?><tr><td><a href="/medical/aid/<?cs var:a.app_id ?>">#<?cs var:a.app_id ?></a></td><td><?cs var:a.child_name ?></td><td><?cs var:label("medical.case_type", a.case_type) ?></td><td><?cs var:date(a.start_date) ?></td><td><?cs var:money(a.eligible_fen) ?></td><td><?cs var:money(a.aid_fen) ?></td><td><?cs if:a.status == "open" ?><?cs var:a.step_title ?><?cs else ?><?cs var:label("medical.status", a.status) ?><?cs /if ?></td><td><?cs var:date(a.step_due) ?><?cs if:a.step_due && a.step_due < Today ?> <strong class="overdue-mark">已逾期</strong><?cs /if ?></td></tr><?cs /each ?>
    <?cs if:!subcount(Recent) ?><tr><td colspan="8">暂无申请。</td></tr><?cs /if ?>
    </tbody>
  </table>
</section>
