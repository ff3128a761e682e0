<h1>未成年人保护个案</h1>
<form method="get" action="/guardianship/reports" class="inline">
  <label for="f-stage">阶段</label>
  <select id="f-stage" name="stage"><option value="">全部</option>
  <?cs each:o = Stages ?><option value="<?cs var:o.code ?>"><?cs var:o.title ?></option><?cs /each ?>
  </select> <button type="submit">筛选</button>
</form>
<?cs if:subcount(Reports) ?>
<table id="reports">
<thead><tr><th>编号</th><th>儿童</th><th>地区</th><th>情形</th><th>报告时间</th><th>阶段</th><th>下一时限</th></tr></thead>
<tbody>
<?cs each:g = Reports ?>
<tr id="report-<?cs var:g.id ?>"><td><a href="/guardianship/reports/<?cs var:g.id ?>"><?cs var:g.id ?></a></td>
<td><?cs if:g.unidentified == "1" ?>身份不明<?cs else ?><?cs var:g.child_name ?><?cs /if ?></td>
<td><?cs var:division(g.division) ?></td>
<td><?cs var:label("guardianship.situation", g.situation) ?></td>
<td><?cs var:datetime(g.reported_at) ?></td>
<td data-stage="<?cs var:g.stage ?>"><?cs var:label("guardianship.stage", g.stage) ?></td>
<td><?cs var:datetime(g.next_due) ?></td></tr>
<?cs /each ?>
</tbody></table>
<?cs else ?><p>暂无个案。</p><?cs /if ?>
