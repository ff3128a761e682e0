<?cs # Children in scope without a verified service in the last N months. ?>
<h1>未获服务儿童</h1>
<form method="get" action="/volunteer/reports/unserved" class="panel">
  <label for="f-months">最近月数</label><input type="number" id="f-months" name="months" min="1" max="36" value="<?cs var:Months ?>">
  <button type="submit">统计</button>
  <a href="/volunteer/reports/unserved.csv?months=<?cs var:url_escape(Months) ?>">导出 CSV</a>
</form>
<p class="summary">共 <span id="total"><?cs var:Total ?></span> 名。在册、在保障状态的儿童中，截至 <?cs var:Today ?> 最近 <?cs var:Months ?> 个月没有经乡镇核实的志愿服务的儿童。</p>
<table class="list" id="by-township">
  <caption>按乡镇</caption>
  <thead><tr><th scope="col">乡镇</th><th scope="col">儿童数</th></tr></thead>
  <tbody><?cs each:x = ByTownship ?><tr><td><?cs var:x.township ?></td><td class="num"><?cs var:x.children ?></td></tr><?cs /each ?></tbody>
</table>
<?cs if:Truncated ?><p class="notice">只列出前 <?cs var:Truncated ?> 名，全部名单请导出 CSV。</p><?cs /if ?>
<table class="list" id="children">
  <caption>名单</caption>
  <thead><tr><th scope="col">乡镇</th><th scope="col">姓名</th><th scope="col">村（社区）</th><th scope="col">最近一次服务</th></tr></thead>
  <tbody><?cs each:x = Children ?><tr data-child="<?cs var:x.id ?>"><td><?cs var:x.township ?></td><td><a href="/children/<?cs var:x.id ?>"><?cs var:x.name ?></a></td><td><?cs var:x.village ?></td><td><?cs var:x.last_service ?></td></tr><?cs /each ?></tbody>
</table>
