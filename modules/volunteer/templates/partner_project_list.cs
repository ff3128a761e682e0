<?cs # The partner's own organisation's charity projects. ?>
<h1>本组织慈善项目</h1>
<?cs if:subcount(Projects) == 0 ?><p>本组织还没有登记的慈善项目。</p><?cs /if ?>
<table class="list" id="projects">
  <thead><tr><th scope="col">项目</th><th scope="col">期限</th><th scope="col">预算（元）</th><th scope="col">已支出（元）</th><th scope="col">认捐（元）</th><th scope="col">已交付（元）</th></tr></thead>
  <tbody><?cs each:p = Projects ?><tr data-project="<?cs var:p.id ?>">
    <td><a href="/volunteer/partner/projects/<?cs var:p.id ?>"><?cs var:p.name ?></a></td><td><?cs var:p.start_date ?> 至 <?cs var:p.end_date ?></td>
    <td class="num"><?cs var:money(p.budget) ?></td><td class="num"><?cs var:money(p.spent) ?></td><td class="num"><?cs var:money(p.pledged) ?></td><td class="num"><?cs var:money(p.delivered) ?></td>
  </tr><?cs /each ?></tbody>
</table>
