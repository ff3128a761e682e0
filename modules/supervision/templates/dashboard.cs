<?cs include:"nav.cs" ?>
<h1>督查指标<?cs if:Month ?>（<?cs var:Month ?>）<?cs /if ?></h1>
<?cs if:!Month ?>
<p class="hint" id="no-figures">还没有计算过任何月份的指标。指标由平台每日自动计算（督查指标月度计算），不在打开页面时统计。</p>
<?cs else ?>
<form method="get" action="/supervision" class="inline-form no-print">
  <label for="month">月份</label>
  <select id="month" name="month"><?cs each:m = Months ?><option value="<?cs var:m.ym ?>"<?cs if:m.ym == Month ?> selected<?cs /if ?>><?cs var:m.ym ?></option><?cs /each ?></select>
  <button type="submit">查看</button>
</form>
<?cs each:m = Months ?><?cs if:m.ym == Month ?><p class="hint">统计截至 <?cs var:date(m.as_of) ?>（计算于 <?cs var:datetime(m.computed_at) ?>）。<?cs if:Town ?>您只能看到本乡镇（街道）和全县合计。<?cs /if ?>点击比率列出未达标的儿童或案件。</p><?cs /if ?><?cs /each ?>
<div class="sv-scroll">
<table class="list sv-table" id="figures">
  <thead><tr>
    <th scope="col"><a href="/supervision?month=<?cs var:Month ?>&amp;sort=name&amp;dir=<?cs if:Sort == "name" && Dir == "asc" ?>desc<?cs else ?>asc<?cs /if ?>">乡镇（街道）</a></th>
    <?cs each:i = Indicators ?><th scope="col"><a href="/supervision?month=<?cs var:Month ?>&amp;sort=<?cs var:i.code ?>&amp;dir=<?cs if:Sort == i.code && Dir == "desc" ?>asc<?cs else ?>desc<?cs /if ?>"><?cs var:i.title ?><?cs if:Sort == i.code ?><?cs if:Dir == "desc" ?> ▼<?cs else ?> ▲<?cs /if ?><?cs /if ?></a></th><?cs /each ?>
    <th scope="col"><a href="/supervision?month=<?cs var:Month ?>&amp;sort=score&amp;dir=<?cs if:Sort == "score" && Dir == "desc" ?>asc<?cs else ?>desc<?cs /if ?>">综合得分</a></th>
    <th scope="col">排名</th>
  </tr></thead>
  <tbody>
  <?cs each:t = Towns ?><tr data-town="<?cs var:t.code ?>">
    <th scope="row"><?cs var:t.name ?></th>
    <?cs each:c = t.Cells ?><td><?cs if:c.den > 0 ?><a href="/supervision/cases?month=<?cs var:Month ?>&amp;indicator=<?cs var:Indicators[name(c)].code ?>&amp;town=<?cs var:t.code ?>"><?cs var:c.pct ?></a><br><small><?cs var:c.num ?>/<?cs var:c.den ?></small><?cs else ?>—<?cs /if ?></td><?cs /each ?>
    <td><?cs var:t.score_pct ?></td><td><?cs if:t.rank > 0 ?><?cs var:t.rank ?><?cs else ?>—<?cs /if ?></td>
  </tr><?cs /each ?>
  </tbody>
  <tfoot><tr data-town="county">
    <th scope="row">全县合计</th>
    <?cs each:c = County.Cells ?><td><?cs if:c.den > 0 ?><?cs if:!Town ?><a href="/supervision/cases?month=<?cs var:Month ?>&amp;indicator=<?cs var:Indicators[name(c)].code ?>"><?cs var:c.pct ?></a><?cs else ?><?cs var:c.pct ?><?cs /if ?><br><small><?cs var:c.num ?>/<?cs var:c.den ?></small><?cs else ?>—<?cs /if ?></td><?cs /each ?>
    <td><?cs var:County.score_pct ?></td><td></td>
  </tr></tfoot>
</table>
</div>
<?cs if:!Town ?>
<h2>排名（综合得分）</h2>
<ol class="sv-rank" id="ranking"><?cs each:t = Rank ?><li><?cs var:t.name ?>　<?cs var:t.score_pct ?></li><?cs /each ?></ol>
<?cs /if ?>
<h2>指标定义与近12个月走势<?cs if:Town ?>（本乡镇）<?cs else ?>（全县）<?cs /if ?></h2>
<dl class="sv-defs" id="definitions">
<?cs each:i = Indicators ?>
  <dt><?cs var:i.title ?> <small>（<?cs var:i.dept ?>，权重 <?cs var:i.weight ?>）</small>
    <svg class="spark" width="124" height="34" viewBox="-2 -2 124 34" role="img" aria-label="<?cs var:i.title ?>近12个月走势"><rect x="-2" y="-2" width="124" height="34" fill="#f4f6f8"/><polyline points="<?cs var:i.spark ?>" fill="none" stroke="#1a5fb4" stroke-width="1.5"/></svg></dt>
  <dd><?cs var:i.definition ?></dd>
<?cs /each ?>
</dl>
<?cs /if ?>
