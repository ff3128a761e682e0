<h1>批量办理结果</h1>
<p id="batch-summary">已通过 <?cs var:DoneCount ?> 件，未办理 <?cs var:RefusedCount ?> 件。</p>
<?cs if:subcount(Done) ?>
<table class="list" id="batch-done">
  <caption>已通过</caption>
  <thead><tr><th scope="col">申请</th></tr></thead>
  <tbody><?cs each:d = Done ?><tr data-app="<?cs var:d.id ?>"><td><a href="/living/applications/<?cs var:d.id ?>">#<?cs var:d.id ?></a></td></tr><?cs /each ?></tbody>
</table>
<?cs /if ?>
<?cs if:subcount(Refused) ?>
<table class="list" id="batch-refused">
  <caption>未办理（原因）</caption>
  <thead><tr><th scope="col">申请</th><th scope="col">原因</th></tr></thead>
  <tbody><?cs each:x = Refused ?><tr data-app="<?cs var:x.id ?>"><td><a href="/living/applications/<?cs var:x.id ?>">#<?cs var:x.id ?></a></td><td><?cs var:x.why ?></td></tr><?cs /each ?></tbody>
</table>
<?cs /if ?>
<p><a href="/living">返回基本生活保障</a></p>
