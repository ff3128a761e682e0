<?cs include:"wf_macros.cs" ?>
<h1>控辍保学</h1>
<p><a href="/education/report">月报</a></p>
<section class="panel" id="inbox-section">
  <h2>待我办理</h2>
  <?cs call:wf_inbox_paged("/education/dropouts", 0) ?>
  <?cs if:InboxSelect ?><?cs call:wf_batch_form("/education/applications/batch") ?><?cs /if ?>
</section>
<?cs if:Manager ?>
<form method="post" action="/education/scan" class="inline"><?cs call:csrf() ?><label for="f-town">乡镇（街道）代码（空：全县）</label> <input id="f-town" name="township" maxlength="12"> <button type="submit">排查无在读记录的义务教育阶段儿童</button></form>
<?cs /if ?>
<table class="list" id="cases">
  <caption>办理中的疑似失学辍学案件（<?cs var:subcount(Cases) ?> 件，逾期的在前）</caption>
  <thead><tr><th scope="col">案件</th><th scope="col">儿童</th><th scope="col">乡镇（街道）</th><th scope="col">最后就读学校</th><th scope="col">原因</th><th scope="col">当前环节</th><th scope="col">期限</th></tr></thead>
  <tbody>
  <?cs each:k = Cases ?><tr<?cs if:k.overdue == "1" ?> class="overdue"<?cs /if ?>><td><a href="/education/applications/<?cs var:k.app_id ?>">#<?cs var:k.app_id ?></a></td><td><?cs var:k.name ?></td><td><?cs var:division(k.township_code) ?></td><td><?cs var:k.school ?></td><td><?cs var:label("education.dropout_reason", k.reason) ?></td><td><?cs var:k.step_title ?></td><td><?cs var:date(k.step_due) ?><?cs if:k.overdue == "1" ?> <strong class="overdue-mark">已逾期</strong><?cs /if ?></td></tr><?cs /each ?>
  <?cs if:!subcount(Cases) ?><tr><td colspan="7">没有办理中的案件。</td></tr><?cs /if ?>
  </tbody>
</table>
