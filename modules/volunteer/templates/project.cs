<?cs # A project, for staff: with the spending and delivery forms. ?>
<?cs include:"donation_forms.cs" ?>
<?cs include:"project_body.cs" ?>
<details class="panel" id="edit-project"><summary>修改项目信息</summary>
<form method="post" action="/volunteer/projects/<?cs var:Project.id ?>/edit">
  <?cs call:csrf() ?>
  <div class="field"><label for="e-pn">项目名称</label><input type="text" id="e-pn" name="name" value="<?cs var:Project.name ?>" maxlength="128" required></div>
  <div class="field"><label for="e-pb">预算（元）</label><input type="text" id="e-pb" name="budget" value="<?cs var:money(Project.budget) ?>" maxlength="20" inputmode="decimal" pattern="[0-9]+(\.[0-9]{1,2})?" required></div>
  <div class="field"><label for="e-ps">开始日期</label><input type="date" id="e-ps" name="start_date" value="<?cs var:Project.start_date ?>" required></div>
  <div class="field"><label for="e-pe">结束日期</label><input type="date" id="e-pe" name="end_date" value="<?cs var:Project.end_date ?>" required></div>
  <button type="submit">保存修改</button>
</form>
</details>
<form method="post" action="/volunteer/projects/<?cs var:Project.id ?>/spend" class="panel">
  <?cs call:csrf() ?>
  <h3>登记支出</h3>
  <div class="field"><label for="f-sa">金额（元）</label><input type="text" id="f-sa" name="amount" maxlength="20" inputmode="decimal" pattern="[0-9]+(\.[0-9]{1,2})?" required></div>
  <div class="field"><label for="f-sd">支出日期</label><input type="date" id="f-sd" name="spent_on" value="<?cs var:Today ?>" required></div>
  <div class="field"><label for="f-sp">用途</label><input type="text" id="f-sp" name="purpose" maxlength="200" required></div>
  <button type="submit">登记</button>
</form>
<section class="panel" id="donations">
  <h2>捐赠</h2>
  <table class="list"><thead><tr><th scope="col">编号</th><th scope="col">捐赠方</th><th scope="col">金额（元）</th><th scope="col">物资</th><th scope="col">认捐日期</th><th scope="col">状态</th><th scope="col">交付</th></tr></thead><tbody>
  <?cs each:d = Donations ?><tr data-donation="<?cs var:d.id ?>"><td><?cs var:d.id ?></td><td><?cs var:d.donor ?></td><td class="num"><?cs var:money(d.money) ?></td><td><?cs var:d.goods ?></td><td><?cs var:d.pledged_date ?></td><td><?cs var:label("volunteer.donation_status", d.status) ?> <?cs var:d.delivered_date ?></td>
    <td><?cs call:donation_forms(d) ?></td></tr><?cs /each ?>
  </tbody></table>
</section>
