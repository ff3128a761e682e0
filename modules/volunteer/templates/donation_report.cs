<?cs # Donations received (pledged) and delivered, by project and by organisation. ?>
<h1>捐赠统计</h1>
<p><a href="/volunteer/reports/donations.csv">导出 CSV</a></p>
<table class="list" id="by-project">
  <caption>按项目</caption>
  <thead><tr><th scope="col">项目</th><th scope="col">社会组织</th><th scope="col">捐赠笔数</th><th scope="col">认捐金额（元）</th><th scope="col">已交付金额（元）</th><th scope="col">物资笔数</th></tr></thead>
  <tbody><?cs each:x = ByProject ?><tr><td><?cs var:x.name ?></td><td><?cs var:x.org_name ?></td><td class="num"><?cs var:x.donations ?></td><td class="num"><?cs var:money(x.pledged) ?></td><td class="num"><?cs var:money(x.delivered) ?></td><td class="num"><?cs var:x.goods ?></td></tr><?cs /each ?></tbody>
</table>
<table class="list" id="by-org">
  <caption>按社会组织</caption>
  <thead><tr><th scope="col">社会组织</th><th scope="col">捐赠笔数</th><th scope="col">认捐金额（元）</th><th scope="col">已交付金额（元）</th><th scope="col">物资笔数</th></tr></thead>
  <tbody><?cs each:x = ByOrg ?><tr><td><?cs var:x.org_name ?></td><td class="num"><?cs var:x.donations ?></td><td class="num"><?cs var:money(x.pledged) ?></td><td class="num"><?cs var:money(x.delivered) ?></td><td class="num"><?cs var:x.goods ?></td></tr><?cs /each ?></tbody>
</table>
<table class="list" id="to-children">
  <caption>直接资助儿童（本辖区）</caption>
  <thead><tr><th scope="col">捐赠笔数</th><th scope="col">认捐金额（元）</th><th scope="col">已交付金额（元）</th><th scope="col">物资笔数</th></tr></thead>
  <tbody><?cs each:x = ToChildren ?><tr><td class="num"><?cs var:x.donations ?></td><td class="num"><?cs var:money(x.pledged) ?></td><td class="num"><?cs var:money(x.delivered) ?></td><td class="num"><?cs var:x.goods ?></td></tr><?cs /each ?></tbody>
</table>
