<h1>未成年人保护统计（<span id="range"><?cs var:From ?> 至 <?cs var:To ?></span>）</h1>
<form method="get" action="/guardianship/stats" class="inline"><label for="f-year">年份</label>
<input type="number" id="f-year" name="year" value="<?cs var:Year ?>"> <button type="submit">查看</button></form>
<form method="get" action="/guardianship/stats" class="inline"><label for="f-from">自</label>
<input type="date" id="f-from" name="from" value="<?cs var:From ?>"> <label for="f-to">至</label>
<input type="date" id="f-to" name="to" value="<?cs var:To ?>"> <button type="submit">查看</button>
<button type="submit" formaction="/guardianship/stats/export" id="export">导出 Excel</button></form>
<?cs def:counts(id, title, rows, kind) ?>
<h2><?cs var:title ?></h2>
<table id="<?cs var:id ?>"><tbody>
<?cs each:x = rows ?><tr data-k="<?cs var:x.k ?>"><th><?cs if:kind == "division" ?><?cs var:division(x.k) ?><?cs elif:kind ?><?cs var:label(kind, x.k) ?><?cs else ?><?cs var:x.k ?><?cs /if ?></th><td class="n"><?cs var:x.n ?></td></tr><?cs /each ?>
</tbody></table>
<?cs /def ?>
<?cs call:counts("by-situation", "按情形", BySituation, "guardianship.situation") ?>
<?cs call:counts("by-source", "按来源", BySource, "guardianship.source") ?>
<?cs call:counts("by-township", "按乡镇", ByTownship, "division") ?>
<?cs call:counts("by-month", "按月份", ByMonth, "") ?>
<h2>时效</h2>
<dl id="times">
<dt>报告数</dt><dd id="t-n"><?cs var:Times.n ?></dd>
<dt>从发现到报警（平均分钟）</dt><dd id="t-police"><?cs var:Times.police_min ?></dd>
<dt>从报告到确保安全（平均分钟）</dt><dd id="t-safe"><?cs var:Times.safe_min ?></dd>
<dt>确保安全超时的个案</dt><dd id="t-late"><?cs var:Times.safe_late ?></dd>
</dl>
<?cs call:counts("open", "在办个案（按阶段）", Open, "guardianship.stage") ?>
<h2>民政监护儿童</h2>
<table id="state"><thead><tr><th>儿童</th><th>地区</th><th>类型</th><th>自</th><th>下次评估</th><th>照料机构</th></tr></thead><tbody>
<?cs each:c = State ?><tr id="state-<?cs var:c.id ?>"><td><?cs var:c.name ?></td><td><?cs var:division(c.village_code) ?></td><td><?cs var:label("guardianship.guardian", c.kind) ?></td><td><?cs var:date(c.start_date) ?></td><td><?cs var:date(c.review_due) ?></td><td><?cs var:c.org_name ?></td></tr><?cs /each ?>
</tbody></table>
