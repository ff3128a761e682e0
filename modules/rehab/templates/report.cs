<h1>残疾儿童康复统计（<?cs var:Year ?> 年）</h1>
<p><a href="/rehab/reports/coverage.xlsx?year=<?cs var:Year ?>">导出筛查覆盖表（Excel）</a></p>
<table class="list" id="coverage">
  <caption>筛查覆盖（按乡镇）</caption>
  <thead><tr><th scope="col">乡镇</th><th scope="col">在册 0-6 岁儿童</th><th scope="col">已筛查（在册）</th><th scope="col">覆盖率</th><th scope="col">已筛查（未入册）</th><th scope="col">疑似</th></tr></thead>
  <tbody>
  <?cs each:t = Towns ?><tr>
    <td><?cs var:t.name ?></td><td class="num"><?cs var:t.children ?></td><td class="num"><?cs var:t.screened ?></td>
    <td class="num"><?cs if:t.children > 0 ?><?cs var:(t.screened * 1000 / t.children) / 10 ?>.<?cs var:(t.screened * 1000 / t.children) % 10 ?>%<?cs else ?>—<?cs /if ?></td>
    <td class="num"><?cs var:t.unregistered ?></td><td class="num"><?cs var:t.suspected ?></td>
  </tr><?cs /each ?>
  </tbody>
</table>
<table class="list" id="ages">
  <caption>筛查（按筛查时年龄）</caption>
  <thead><tr><th scope="col">年龄</th><th scope="col">已筛查</th><th scope="col">疑似</th></tr></thead>
  <tbody><?cs each:a = Ages ?><tr><td><?cs var:a.age ?> 岁</td><td class="num"><?cs var:a.screened ?></td><td class="num"><?cs var:a.suspected ?></td></tr><?cs /each ?></tbody>
</table>
<p id="late">疑似超过 <?cs var:Days ?> 天仍未诊断：已转介未出结果 <strong><?cs var:Late.referred ?></strong> 名，尚未转介 <strong><?cs var:Late.unreferred ?></strong> 名（<a href="/rehab/referrals">转介诊断</a>）。</p>
<table class="list" id="training">
  <caption>本月在训儿童（按机构和项目）</caption>
  <thead><tr><th scope="col">机构</th><th scope="col">项目</th><th scope="col">儿童</th></tr></thead>
  <tbody><?cs each:t = Training ?><tr><td><?cs var:t.org_name ?></td><td><?cs var:label("rehab.service", t.service) ?></td><td class="num"><?cs var:t.children ?></td></tr><?cs /each ?></tbody>
</table>
<table class="list" id="spending">
  <caption>支出（已列入发放批次）</caption>
  <thead><tr><th scope="col">项目</th><th scope="col">儿童</th><th scope="col">金额（元）</th><th scope="col">每名儿童年度限额（元）</th></tr></thead>
  <tbody><?cs each:p = Spending ?><tr><td><?cs var:label("rehab.programme", p.programme) ?></td><td class="num"><?cs var:p.children ?></td><td class="num"><?cs var:money(p.amount_fen) ?></td><td class="num"><?cs var:money(Caps[p.programme]) ?></td></tr><?cs /each ?></tbody>
</table>
<p><a href="/rehab/certificates">残疾人证到期提醒</a></p>
