<link rel="stylesheet" href="/village/village.css">
<div class="vil">
<h1>工作报告</h1>
<?cs if:Director ?><a class="button" href="/village/reports/month/<?cs var:LastMonth ?>">填报 <?cs var:LastMonth ?> 工作报告</a>
<a class="button" href="/village/reports/month/<?cs var:ThisMonth ?>">填报 <?cs var:ThisMonth ?> 工作报告</a><?cs /if ?>
<ul class="cards" id="reports">
<?cs each:v = Reports ?><li data-status="<?cs var:v.status ?>"><a href="/village/reports/<?cs var:v.id ?>"><strong><?cs var:v.director ?> · <?cs var:v.month ?></strong>
  <span class="due">走访 <?cs var:v.total ?> 次 · <?cs var:label("village.report", v.status) ?></span></a></li><?cs /each ?>
</ul>
<?cs if:!subcount(Reports) ?><p>尚无工作报告。</p><?cs /if ?>
</div>
