<h1>医疗保障：<?cs var:Child.name ?></h1>
<p><a href="/children/<?cs var:Child.id ?>">儿童档案</a> · <a href="/medical/aid/new?child=<?cs var:Child.id ?>">申请医疗救助</a></p>
<section class="panel" id="summary">
  <h2><?cs var:Year ?> 年度</h2>
  <table class="list"><thead><tr><th scope="col">项目</th><th scope="col">情况</th></tr></thead><tbody>
  <?cs each:row = Panel.Rows ?><tr><th scope="row"><?cs var:row.0 ?></th><td><?cs var:row.1 ?></td></tr><?cs /each ?>
  </tbody></table>
</section>
<section class="panel" id="aid">
  <h2>医疗救助</h2>
  <table class="list">
    <thead><tr><th scope="col">编号</th><th scope="col">类型</th><th scope="col">日期</th><th scope="col">政策范围内自付（元）</th><th scope="col">救助（元）</th><th scope="col">状态</th></tr></thead>
    <tbody>
    <?cs each:a = Aid ?><tr><td><a href="/medical/aid/<?cs var:a.app_id ?>">#<?cs var:a.app_id ?></a></td><td><?cs var:label("medical.case_type", a.case_type) ?></td><td><?cs var:date(a.start_date) ?> 至 <?cs var:date(a.end_date) ?></td><td><?cs var:money(a.eligible_fen) ?></td><td><?cs var:money(a.aid_fen) ?></td><td><?cs if:a.status == "open" ?><?cs var:a.step_title ?><?cs else ?><?cs var:label("medical.status", a.status) ?><?cs /if ?></td></tr><?cs /each ?>
    <?cs if:!subcount(Aid) ?><tr><td colspan="6">暂无。</td></tr><?cs /if ?>
    </tbody>
  </table>
</section>
<section class="panel" id="premiums">
  <h2>参保资助</h2>
  <table class="list">
    <thead><tr><th scope="col">年度</th><th scope="col">名单</th><th scope="col">档次</th><th scope="col">个人缴费（元）</th><th scope="col">资助（元）</th><th scope="col">参保结果</th></tr></thead>
    <tbody>
    <?cs each:p = Premiums ?><tr><td><?cs var:p.year ?></td><td><?cs var:label("medical.list", p.list) ?></td><td><?cs var:p.tier ?> 档</td><td><?cs var:money(p.premium_fen) ?></td><td><?cs var:money(p.subsidy_fen) ?></td><td><?cs var:label("medical.premium_status", p.status) ?><?cs if:p.fail_reason ?>：<?cs var:p.fail_reason ?><?cs /if ?></td></tr><?cs /each ?>
    <?cs if:!subcount(Premiums) ?><tr><td colspan="6">暂无。</td></tr><?cs /if ?>
    </tbody>
  </table>
  <?cs if:Can.premium ?>
  <form method="post" action="/medical/children/<?cs var:Child.id ?>/tier" class="inline" id="tier-form"><?cs call:csrf() ?>
    <label>参保年度 <input type="number" name="year" value="<?cs var:Year ?>" min="2000" max="2100" required></label>
    <label>选择档次 <select name="tier"><option value="1">一档</option><option value="2">二档</option></select></label>
    <button type="submit">登记档次</button></form>
  <p class="hint">已登记：<?cs each:t = Tiers ?><?cs var:t.year ?> 年 <?cs var:t.tier ?> 档；<?cs /each ?>未登记的年度按一档。</p>
  <?cs /if ?>
</section>
