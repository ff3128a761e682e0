<?cs # One project: budget, spending, donations (shared by staff and partner pages). ?>
<?cs with:p = Project ?>
<h1><?cs var:p.name ?></h1>
<section class="panel" id="info">
  <dl>
    <dt>社会组织</dt><dd><?cs var:p.org_name ?></dd>
    <dt>期限</dt><dd><?cs var:p.start_date ?> 至 <?cs var:p.end_date ?></dd>
    <dt>预算（元）</dt><dd id="budget"><?cs var:money(p.budget) ?></dd>
    <dt>已支出（元）</dt><dd id="spent"><?cs var:money(p.spent) ?><?cs if:p.over_budget != "0" ?> <strong class="overdue-mark" id="over-budget">超出预算 <?cs var:money(p.over_budget) ?> 元</strong><?cs /if ?></dd>
    <dt>认捐（元）</dt><dd id="pledged"><?cs var:money(p.pledged) ?></dd>
    <dt>已交付（元）</dt><dd id="delivered"><?cs var:money(p.delivered) ?></dd>
  </dl>
</section>
<?cs /with ?>
<section class="panel" id="spending">
  <h2>支出</h2>
  <table class="list"><thead><tr><th scope="col">日期</th><th scope="col">金额（元）</th><th scope="col">用途</th></tr></thead><tbody>
  <?cs each:x = Spending ?><tr><td><?cs var:x.spent_on ?></td><td class="num"><?cs var:money(x.amount) ?></td><td><?cs var:x.purpose ?></td></tr><?cs /each ?>
  </tbody></table>
</section>
