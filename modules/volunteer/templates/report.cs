<?cs # Verified services and hours by organisation and by township. ?>
<h1>志愿服务统计</h1>
<form method="get" action="/volunteer/reports" class="panel">
  <label for="f-from">起始日期</label><input type="date" id="f-from" name="from" value="<?cs var:From ?>">
  <label for="f-to">截止日期</label><input type="date" id="f-to" name="to" value="<?cs var:To ?>">
  <button type="submit">统计</button>
  <a href="/volunteer/reports.csv?from=<?cs var:url_escape(From) ?>&amp;to=<?cs var:url_escape(To) ?>">导出 CSV</a>
</form>
<p><a href="/volunteer/reports/unserved">未获服务儿童</a> · <a href="/volunteer/reports/donations">捐赠统计</a></p>
<p class="summary">只统计乡镇已核实的服务记录（含区域服务项目的集体活动），<?cs var:From ?> 至 <?cs var:To ?>。</p>
<table class="list" id="by-org">
  <caption>按社会组织</caption>
  <thead><tr><th scope="col">社会组织</th><th scope="col">服务次数</th><th scope="col">服务时长（分钟）</th><th scope="col">服务儿童数</th><th scope="col">集体活动参加人次</th></tr></thead>
  <tbody><?cs each:x = ByOrg ?><tr><td><?cs var:x.name ?></td><td class="num"><?cs var:x.services ?></td><td class="num"><?cs var:x.minutes ?></td><td class="num"><?cs var:x.children ?></td><td class="num"><?cs var:x.participants ?></td></tr><?cs /each ?></tbody>
</table>
<table class="list" id="by-township">
  <caption>按乡镇</caption>
  <thead><tr><th scope="col">乡镇</th><th scope="col">服务次数</th><th scope="col">服务时长（分钟）</th><th scope="col">服务儿童数</th><th scope="col">集体活动参加人次</th></tr></thead>
  <tbody><?cs each:x = ByTownship ?><tr><td><?cs var:x.name ?></td><td class="num"><?cs var:x.services ?></td><td class="num"><?cs var:x.minutes ?></td><td class="num"><?cs var:x.children ?></td><td class="num"><?cs var:x.participants ?></td></tr><?cs /each ?></tbody>
</table>
