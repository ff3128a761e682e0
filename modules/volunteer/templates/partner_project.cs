<?cs # A project of the partner's own organisation, read only. ?>
<?cs include:"project_body.cs" ?>
<section class="panel" id="donations">
  <h2>捐赠</h2>
  <table class="list"><thead><tr><th scope="col">捐赠方</th><th scope="col">金额（元）</th><th scope="col">物资</th><th scope="col">认捐日期</th><th scope="col">状态</th></tr></thead><tbody>
  <?cs each:d = Donations ?><tr><td><?cs var:d.donor ?></td><td class="num"><?cs var:money(d.money) ?></td><td><?cs var:d.goods ?></td><td><?cs var:d.pledged_date ?></td><td><?cs var:label("volunteer.donation_status", d.status) ?> <?cs var:d.delivered_date ?></td></tr><?cs /each ?>
  </tbody></table>
</section>
