<h1>医疗保障统计（<?cs var:Year ?> 年）</h1>
<form method="get" action="/medical/reports" class="inline"><label>年度 <input type="number" name="year" value="<?cs var:Year ?>" min="2000" max="2100"></label> <button type="submit">查看</button></form>
<?cs each:rp = Reports ?>
<section class="panel" id="report-<?cs var:rp.code ?>">
  <h2><?cs var:rp.title ?> <a href="/medical/reports/export?report=<?cs var:rp.code ?>&amp;year=<?cs var:Year ?>">导出 CSV</a> <a href="/medical/reports/export?report=<?cs var:rp.code ?>&amp;year=<?cs var:Year ?>&amp;format=xlsx" id="xlsx-<?cs var:rp.code ?>">导出 Excel</a></h2>
  <table class="list">
    <thead><tr><?cs each:c = rp.Cols ?><th scope="col"><?cs var:c ?></th><?cs /each ?></tr></thead>
    <tbody>
    <?cs each:row = rp.Rows ?><tr><?cs each:cell = row ?><td><?cs var:cell ?></td><?cs /each ?></tr><?cs /each ?>
    <?cs if:!subcount(rp.Rows) ?><tr><td colspan="<?cs var:subcount(rp.Cols) ?>">暂无。</td></tr><?cs /if ?>
    </tbody>
  </table>
</section>
<?cs /each ?>
