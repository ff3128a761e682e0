<?cs include:"nav.cs" ?>
<article class="sv-bulletin" id="bulletin">
<?cs if:Preview ?><p class="draft-note no-print">预览：以下数字取自最新计算结果，印发后存档冻结。<?cs if:Issued ?>该月通报已印发：<a href="/supervision/bulletins/<?cs var:Issued ?>">查看已印发的通报</a>。<?cs /if ?></p><?cs /if ?>
<h1><?cs var:B.title ?></h1>
<?cs if:B.superseded_by ?><p class="draft-note" id="superseded">本通报已被更正，以<a href="/supervision/bulletins/<?cs var:B.superseded_by ?>">更正后的通报</a>为准；本版保留存档。</p><?cs /if ?>
<?cs if:B.supersedes ?><p class="sv-meta" id="correction">本版为第 <?cs var:B.version ?> 版，更正<a href="/supervision/bulletins/<?cs var:B.supersedes ?>">前一版</a>。更正原因：<?cs var:B.reason ?></p><?cs /if ?>
<?cs if:!Preview ?><p class="sv-meta">酉阳县民政局　<?cs var:B.issued_day ?> 印发　（印发人：<?cs var:B.issued_by ?>）</p><?cs /if ?>
<h2>一、全县总体情况</h2>
<table class="list" id="county">
  <thead><tr><th scope="col">指标</th><th scope="col">主管部门</th><th scope="col">达标数/应达标数</th><th scope="col">比率</th></tr></thead>
  <tbody><?cs each:c = County.Cells ?><tr data-ind="<?cs var:Indicators[name(c)].code ?>"><td><?cs var:c.title ?></td><td><?cs var:c.dept ?></td><td><?cs var:c.num ?>/<?cs var:c.den ?></td><td><?cs var:c.pct ?></td></tr><?cs /each ?>
  <tr><th scope="row" colspan="3">全县综合得分</th><td><?cs var:County.score_pct ?></td></tr></tbody>
</table>
<h2>二、各乡镇（街道）情况及排名</h2>
<table class="list sv-table" id="towns">
  <thead><tr><th scope="col">排名</th><th scope="col">乡镇（街道）</th><th scope="col">综合得分</th><?cs each:i = Indicators ?><th scope="col"><?cs var:i.title ?></th><?cs /each ?></tr></thead>
  <tbody><?cs each:t = Towns ?><?cs if:t.rank > 0 ?><tr data-town="<?cs var:t.code ?>"><td><?cs var:t.rank ?></td><th scope="row"><?cs var:t.name ?></th><td><?cs var:t.score_pct ?></td><?cs each:c = t.Cells ?><td data-ind="<?cs var:Indicators[name(c)].code ?>"><?cs var:c.pct ?></td><?cs /each ?></tr><?cs /if ?><?cs /each ?></tbody>
</table>
<h2>三、先进与落后</h2>
<?cs if:subcount(Rank) ?>
<p id="best-worst"><?cs each:t = Rank ?><?cs if:first(t) ?>综合得分最高：<strong><?cs var:t.name ?></strong>（<?cs var:t.score_pct ?>），予以通报表扬。<?cs /if ?><?cs if:last(t) && subcount(Rank) > 1 ?>综合得分最低：<strong><?cs var:t.name ?></strong>（<?cs var:t.score_pct ?>），请认真查找原因、限期整改。<?cs /if ?><?cs /each ?></p>
<?cs else ?><p>本月没有可排名的乡镇（街道）。</p><?cs /if ?>
<h2>四、逾期事项</h2>
<table class="list" id="overdue">
  <thead><tr><th scope="col">乡镇（街道）</th><th scope="col">事项</th><th scope="col">件数</th></tr></thead>
  <tbody><?cs each:o = Overdue ?><tr><td><?cs if:o.name ?><?cs var:o.name ?><?cs else ?><?cs var:o.township_code ?><?cs /if ?></td><td><?cs if:o.kind == "applications" ?>逾期未办结的申请<?cs elif:o.kind == "reports" ?>超过24小时未确认安全的强制报告<?cs else ?>逾期未办结的辍学劝返<?cs /if ?></td><td><?cs var:o.n ?></td></tr><?cs /each ?>
  <?cs if:!subcount(Overdue) ?><tr><td colspan="3">没有逾期事项。</td></tr><?cs /if ?></tbody>
</table>
<?cs if:B.remarks ?><h2>五、工作要求</h2><p class="sv-remarks"><?cs var:B.remarks ?></p><?cs /if ?>
<h2 class="sv-defs-h">附：指标定义</h2>
<dl class="sv-defs"><?cs each:i = Indicators ?><dt><?cs var:i.title ?>（权重 <?cs var:i.weight ?>）</dt><dd><?cs var:i.definition ?></dd><?cs /each ?></dl>
</article>
<?cs if:Preview ?><?cs if:!Issued ?>
<form method="post" action="/supervision/bulletins" class="no-print" id="issue">
  <?cs call:csrf() ?>
  <input type="hidden" name="month" value="<?cs var:Month ?>">
  <div class="field"><label for="remarks">工作要求（印在通报中，可不填）</label><textarea id="remarks" name="remarks" maxlength="2000"></textarea></div>
  <button type="submit">印发通报</button>
</form>
<?cs /if ?><?cs else ?>
<?cs if:CanIssue && !B.superseded_by ?>
<details class="no-print" id="reissue"><summary>更正重发（原通报保留并标明已被更正）</summary>
<form method="post" action="/supervision/bulletins/<?cs var:B.id ?>/reissue">
  <?cs call:csrf() ?>
  <p class="hint">更正重发按该月最新计算的指标生成新一版通报，并重新统计逾期事项。</p>
  <div class="field"><label for="reason">更正原因（必填）</label><input id="reason" name="reason" maxlength="200" required></div>
  <div class="field"><label for="remarks2">工作要求（印在新一版中，可不填）</label><textarea id="remarks2" name="remarks" maxlength="2000"><?cs var:B.remarks ?></textarea></div>
  <button type="submit">印发更正后的通报</button>
</form></details>
<?cs /if ?>
<p class="no-print"><button type="button" data-print>打印（A4）</button> <a href="/supervision/bulletins/<?cs var:B.id ?>/bulletin.docx" id="docx">下载通报（Word .docx）</a> <a href="/supervision/bulletins/<?cs var:B.id ?>/export.xlsx">导出表格（.xlsx）</a> <a href="/supervision/bulletins">返回通报列表</a></p>
<?cs /if ?>
