<?cs # Charity projects, donations to children, and the forms to register them. ?>
<?cs include:"donation_forms.cs" ?>
<h1>慈善项目与捐赠</h1>
<p><a href="/volunteer/reports/donations">捐赠统计</a></p>
<table class="list" id="projects">
  <caption>慈善项目</caption>
  <thead><tr><th scope="col">编号</th><th scope="col">项目</th><th scope="col">社会组织</th><th scope="col">期限</th><th scope="col">预算（元）</th><th scope="col">已支出（元）</th><th scope="col">认捐（元）</th><th scope="col">已交付（元）</th></tr></thead>
  <tbody><?cs each:p = Projects ?><tr data-project="<?cs var:p.id ?>">
    <td><?cs var:p.id ?></td><td><a href="/volunteer/projects/<?cs var:p.id ?>"><?cs var:p.name ?></a></td><td><?cs var:p.org_name ?></td>
    <td><?cs var:p.start_date ?> 至 <?cs var:p.end_date ?></td><td class="num"><?cs var:money(p.budget) ?></td><td class="num"><?cs var:money(p.spent) ?></td>
    <td class="num"><?cs var:money(p.pledged) ?></td><td class="num"><?cs var:money(p.delivered) ?></td>
  </tr><?cs /each ?></tbody>
</table>
<form method="post" action="/volunteer/projects" class="panel">
  <?cs call:csrf() ?>
  <h2>登记慈善项目</h2>
  <div class="field"><label for="f-org">社会组织</label><select id="f-org" name="vorg_id"><?cs each:o = Orgs ?><option value="<?cs var:o.id ?>"><?cs var:o.name ?></option><?cs /each ?></select></div>
  <div class="field"><label for="f-pn">项目名称</label><input type="text" id="f-pn" name="name" maxlength="128" required></div>
  <div class="field"><label for="f-pb">预算（元）</label><input type="text" id="f-pb" name="budget" maxlength="20" inputmode="decimal" pattern="[0-9]+(\.[0-9]{1,2})?" required></div>
  <div class="field"><label for="f-ps">开始日期</label><input type="date" id="f-ps" name="start_date" required></div>
  <div class="field"><label for="f-pe">结束日期</label><input type="date" id="f-pe" name="end_date" required></div>
  <button type="submit">登记</button>
</form>
<table class="list" id="child-donations">
  <caption>直接资助儿童的捐赠</caption>
  <thead><tr><th scope="col">编号</th><th scope="col">捐赠方</th><th scope="col">儿童</th><th scope="col">金额（元）</th><th scope="col">物资</th><th scope="col">认捐日期</th><th scope="col">状态</th><th scope="col">交付</th></tr></thead>
  <tbody><?cs each:d = ChildDonations ?><tr data-donation="<?cs var:d.id ?>">
    <td><?cs var:d.id ?></td><td><?cs var:d.donor ?></td><td><a href="/children/<?cs var:d.child_id ?>"><?cs var:d.child_name ?></a></td>
    <td class="num"><?cs var:money(d.money) ?></td><td><?cs var:d.goods ?></td><td><?cs var:d.pledged_date ?></td>
    <td><?cs var:label("volunteer.donation_status", d.status) ?> <?cs var:d.delivered_date ?></td>
    <td><?cs call:donation_forms(d) ?></td>
  </tr><?cs /each ?></tbody>
</table>
<form method="post" action="/volunteer/donations" class="panel">
  <?cs call:csrf() ?>
  <h2>登记捐赠</h2>
  <div class="field"><label for="f-dd">捐赠方</label><input type="text" id="f-dd" name="donor" value="<?cs var:Form.donor ?>" maxlength="100" required></div>
  <div class="field"><label for="f-dp">受赠项目编号</label><input type="number" id="f-dp" name="project_id" value="<?cs var:Form.project_id ?>" min="1"></div>
  <div class="field"><label for="f-dc">或受赠儿童编号</label><input type="number" id="f-dc" name="child_id" value="<?cs var:Form.child_id ?>" min="1"></div>
  <div class="field"><label for="f-da">捐款金额（元）</label><input type="text" id="f-da" name="amount" value="<?cs var:Form.amount ?>" maxlength="20" inputmode="decimal" pattern="[0-9]+(\.[0-9]{1,2})?"></div>
  <div class="field"><label for="f-dg">或捐赠物资</label><input type="text" id="f-dg" name="goods" value="<?cs var:Form.goods ?>" maxlength="200"></div>
  <div class="field"><label for="f-dt">认捐日期</label><input type="date" id="f-dt" name="pledged_date" value="<?cs if:Form.pledged_date ?><?cs var:Form.pledged_date ?><?cs else ?><?cs var:Today ?><?cs /if ?>" required></div>
  <button type="submit">登记</button>
</form>
