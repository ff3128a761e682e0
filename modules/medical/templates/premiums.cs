<h1>城乡居民医保参保资助名单</h1>
<p class="hint">当前个人缴费标准：一档 <?cs var:Tier1 ?> 元，二档 <?cs var:Tier2 ?> 元（模块设置，按名单生成日期取值）。孤儿、事实无人抚养儿童、特困、低保家庭儿童按一档全额资助；选择二档的按一档个人缴费额资助。</p>
<nav aria-label="年度">年度：<?cs each:y = Years ?><a href="/medical/premiums?year=<?cs var:y.year ?>"><?cs var:y.year ?></a> <?cs /each ?></nav>
<section class="panel" id="generate">
  <h2>生成年度名单</h2>
  <form method="post" action="/medical/premiums/generate" class="inline"><?cs call:csrf() ?>
    <label>参保年度 <input type="number" name="year" value="<?cs var:Form.year ?>" min="2000" max="2100" required></label>
    <label>名单生成日期（以当日类别为准） <input type="date" name="enrol_date" value="<?cs if:Year.enrol_date ?><?cs var:Year.enrol_date ?><?cs /if ?>"></label> <small>不填则按设置的参保名单生成日</small>
    <button type="submit">生成（重复生成只补充遗漏）</button></form>
</section>
<?cs if:Year.year ?>
<section class="panel" id="year">
  <h2><?cs var:Year.year ?> 年度（按 <?cs var:date(Year.enrol_date) ?> 生成）</h2>
  <p><a href="/medical/premiums/<?cs var:Year.year ?>/export?format=xlsx" id="export-xlsx">导出 Excel（报医保部门）</a> · <a href="/medical/premiums/<?cs var:Year.year ?>/export?format=csv" id="export-csv">导出 CSV</a></p>
  <table class="list" id="towns">
    <caption>按乡镇汇总</caption>
    <thead><tr><th scope="col">乡镇（街道）</th><th scope="col">人数</th><th scope="col">其中补充名单</th><th scope="col">二档</th><th scope="col">已参保</th><th scope="col">参保失败</th><th scope="col">资助金额（元）</th><th scope="col">已入账（元）</th></tr></thead>
    <tbody>
    <?cs each:t = Towns ?><tr><td><?cs var:division(t.township_code) ?></td><td><?cs var:t.n ?></td><td><?cs var:t.n_supplement ?></td><td><?cs var:t.n_tier2 ?></td><td><?cs var:t.n_insured ?></td><td><?cs var:t.n_failed ?></td><td><?cs var:money(t.subsidy_fen) ?></td><td><?cs var:money(t.posted_fen) ?></td></tr><?cs /each ?>
    <?cs if:!subcount(Towns) ?><tr><td colspan="8">名单为空。</td></tr><?cs /if ?>
    </tbody>
  </table>
  <form method="post" action="/medical/premiums/<?cs var:Year.year ?>/supplement" class="inline" id="supplement"><?cs call:csrf() ?>
    <label>年中新纳入儿童：补充名单日期 <input type="date" name="on" value="<?cs var:Today ?>" max="<?cs var:Today ?>" required></label>
    <button type="submit">生成补充名单</button></form>
  <form method="post" action="/medical/premiums/<?cs var:Year.year ?>/import" enctype="multipart/form-data" class="inline" id="import"><?cs call:csrf() ?>
    <label>导入医保部门的参保结果（Excel 或 CSV，含“编号”“参保结果”“失败原因”列） <input type="file" name="file" required></label>
    <button type="submit">导入</button></form>
  <form method="post" action="/medical/premiums/<?cs var:Year.year ?>/post" class="inline" id="post"><?cs call:csrf() ?>
    <label>收款单位 <select name="org" required><?cs each:b = Bureaus ?><option value="<?cs var:b.id ?>"><?cs var:b.name ?><?cs if:b.account_masked ?>（<?cs var:b.account_masked ?>）<?cs /if ?></option><?cs /each ?></select></label>
    <label>开户行 <input type="text" name="bank" maxlength="64"></label>
    <label>账号（已登记的可不填） <input type="text" name="account" maxlength="32"></label>
    <button type="submit">已参保儿童的资助入账</button></form>
  <?cs if:subcount(Failed) ?>
  <table class="list" id="failed">
    <caption>参保失败</caption>
    <thead><tr><th scope="col">编号</th><th scope="col">儿童</th><th scope="col">乡镇</th><th scope="col">原因</th></tr></thead>
    <tbody><?cs each:f = Failed ?><tr><td><?cs var:f.id ?></td><td><a href="/medical/children/<?cs var:f.child_id ?>"><?cs var:f.name ?></a></td><td><?cs var:division(f.township_code) ?></td><td><?cs var:f.fail_reason ?></td></tr><?cs /each ?></tbody>
  </table>
  <?cs /if ?>
</section>
<?cs /if ?>
