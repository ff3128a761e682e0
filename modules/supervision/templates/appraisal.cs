<?cs include:"nav.cs" ?>
<article class="sv-bulletin" id="appraisal">
<h1><?cs var:Year ?>年度困境儿童保障工作考核<?cs if:Town ?>（<?cs var:division(Town) ?>）<?cs /if ?></h1>
<form method="get" action="/supervision/appraisal" class="inline-form no-print"><label for="year">年度</label><input id="year" name="year" value="<?cs var:Year ?>" size="4"><button type="submit">查看</button></form>
<p class="hint">按已计算的 <?cs var:subcount(Months) ?> 个月（<?cs each:m = Months ?><?cs var:m.ym ?><?cs if:!last(m) ?>、<?cs /if ?><?cs /each ?>）的指标汇总；各指标比率按 <?cs var:On ?> 起施行的考核权重加权平均得到综合得分，权重由县民政局在“模块设置”中按日期设定。</p>
<h2>乡镇（街道）得分</h2>
<div class="sv-scroll">
<table class="list sv-table" id="scores">
  <thead><tr><th scope="col">排名</th><th scope="col">乡镇（街道）</th><th scope="col">综合得分</th><?cs each:i = Indicators ?><th scope="col"><?cs var:i.title ?><br><small>权重 <?cs var:i.weight ?></small></th><?cs /each ?></tr></thead>
  <tbody><?cs each:t = Towns ?><tr data-town="<?cs var:t.code ?>"><td><?cs if:t.rank > 0 ?><?cs var:t.rank ?><?cs else ?>—<?cs /if ?></td><th scope="row"><?cs var:t.name ?></th><td><?cs var:t.score_pct ?></td><?cs each:c = t.Cells ?><td data-ind="<?cs var:Indicators[name(c)].code ?>"><?cs if:c.den > 0 ?><?cs var:c.pct ?> <small>(<?cs var:c.num ?>/<?cs var:c.den ?>)</small><br><small>得分 <?cs var:c.pts ?></small><?cs else ?>—<?cs /if ?></td><?cs /each ?></tr><?cs /each ?></tbody>
  <tfoot><tr><td></td><th scope="row">全县</th><td><?cs var:County.score_pct ?></td><?cs each:c = County.Cells ?><td><?cs if:c.den > 0 ?><?cs var:c.pct ?><?cs else ?>—<?cs /if ?></td><?cs /each ?></tr></tfoot>
</table>
</div>
<?cs if:!Town ?>
<h2>县级部门得分（按其主管指标的全县比率）</h2>
<table class="list" id="depts"><thead><tr><th scope="col">部门</th><th scope="col">得分</th></tr></thead>
<tbody><?cs each:d = Depts ?><tr><td><?cs var:d.name ?></td><td><?cs var:d.score_pct ?></td></tr><?cs /each ?></tbody></table>
<?cs /if ?>
<p class="no-print"><button type="button" data-print>打印（A4）</button><?cs if:!Town ?> <a href="/supervision/appraisal.docx?year=<?cs var:Year ?>" id="docx">下载考核表（Word .docx）</a><?cs /if ?></p>
</article>
