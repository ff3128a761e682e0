<?cs with:i = Intake ?>
<h1>一门受理（<?cs var:i.id ?>）：<?cs var:i.child_name ?></h1>
<dl class="facts" id="intake" data-status="<?cs var:i.status ?>">
  <dt>申请人</dt><dd><?cs var:i.applicant ?> <?cs var:i.relation ?> <?cs var:i.phone ?></dd>
  <dt>诉求</dt><dd><?cs var:i.request ?></dd>
  <dt>受理</dt><dd><?cs var:i.clerk ?>，<?cs var:datetime(i.created_at) ?></dd>
  <dt>状态</dt><dd><?cs if:i.status == "answered" ?>各部门已全部答复 · <a href="/village/intake/<?cs var:i.id ?>/reply">打印答复书</a><?cs else ?>办理中<?cs /if ?></dd>
</dl>
<?cs /with ?>
<table class="list" id="needs">
  <thead><tr><th scope="col">需求</th><th scope="col">承办部门</th><th scope="col">答复期限</th><th scope="col">办理结果</th><th scope="col">答复</th></tr></thead>
  <tbody><?cs each:n = Needs ?><tr id="need-<?cs var:n.id ?>" data-status="<?cs var:n.status ?>"<?cs if:n.late == "1" ?> class="overdue"<?cs /if ?>>
    <td><?cs var:label("village.need", n.need) ?></td><td><?cs var:n.dept ?></td>
    <td><?cs var:date(n.due_date) ?><?cs if:n.late == "1" ?> <span class="overdue-mark">已逾期</span><?cs /if ?></td>
    <td><?cs var:label("village.answer", n.status) ?><?cs if:n.app_ref ?>：<?cs var:n.app_ref ?><?cs /if ?></td>
    <td><?cs if:n.status == "open" && n.mine == "1" && CanAnswer ?>
      <form method="post" action="/village/intake/needs/<?cs var:n.id ?>/answer"><?cs call:csrf() ?>
        <select name="outcome"><option value="accepted">受理</option><option value="declined">不予受理</option></select>
        <input type="text" name="app_ref" placeholder="本部门开启的申请编号">
        <input type="text" name="answer" placeholder="答复意见（不予受理须写明理由）">
        <button type="submit">答复</button></form>
    <?cs else ?><?cs var:n.answer ?><?cs if:n.answerer ?>（<?cs var:n.answerer ?>）<?cs /if ?><?cs /if ?></td></tr>
  <?cs /each ?></tbody>
</table>
