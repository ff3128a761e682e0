<h1>一门受理</h1>
<p class="hint">从儿童档案或走访记录中登记；每项需求转有关部门，逾期未答复的由县妇儿工委办督办（<a href="/inbox/escalated">督办清单</a>）。</p>
<form method="get" action="/village/intake/new" class="filters" id="intake-start">
  <div class="field"><label for="f-child">儿童档案编号</label><input type="text" id="f-child" name="child" inputmode="numeric" required></div>
  <div class="field"><button type="submit">登记新的受理</button></div>
</form>
<table class="list" id="late"><caption>逾期未答复</caption>
  <thead><tr><th scope="col">儿童</th><th scope="col">需求</th><th scope="col">承办部门</th><th scope="col">答复期限</th></tr></thead>
  <tbody><?cs each:n = Late ?><tr class="overdue"><td><a href="/village/intake/<?cs var:n.intake_id ?>"><?cs var:n.child_name ?></a></td><td><?cs var:label("village.need", n.need) ?></td><td><?cs var:n.dept ?></td><td><?cs var:date(n.due_date) ?></td></tr>
  <?cs /each ?><?cs if:!subcount(Late) ?><tr><td colspan="4">没有逾期未答复的需求。</td></tr><?cs /if ?></tbody>
</table>
<table class="list" id="intakes"><caption>受理记录</caption>
  <thead><tr><th scope="col">编号</th><th scope="col">儿童</th><th scope="col">需求数</th><th scope="col">状态</th><th scope="col">受理时间</th></tr></thead>
  <tbody><?cs each:i = Intakes ?><tr><td><?cs var:i.id ?></td><td><a href="/village/intake/<?cs var:i.id ?>"><?cs var:i.child_name ?></a></td><td><?cs var:i.needs ?><?cs if:i.late > 0 ?> <span class="overdue-mark">逾期 <?cs var:i.late ?></span><?cs /if ?></td>
    <td><?cs if:i.status == "answered" ?>已全部答复<?cs else ?>办理中<?cs /if ?></td><td><?cs var:datetime(i.created_at) ?></td></tr>
  <?cs /each ?></tbody>
</table>
