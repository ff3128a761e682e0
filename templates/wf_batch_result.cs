<?cs # batch approval's summary (wf_batch.c): what was done, what was refused and why ?>
<h1>批量办理结果</h1>
<p id="batch-summary">已通过 <?cs var:Batch.done ?> 件，未办理 <?cs var:Batch.refused ?> 件。</p>
<?cs if:subcount(Batch.Done) ?>
<table class="list" id="batch-done">
  <caption>已通过</caption>
  <thead><tr><th scope="col">申请</th></tr></thead>
  <tbody><?cs each:d = Batch.Done ?><tr data-app="<?cs var:d.id ?>"><td><a href="<?cs var:d.url ?>">#<?cs var:d.id ?></a></td></tr><?cs /each ?></tbody>
</table>
<?cs /if ?>
<?cs if:subcount(Batch.Refused) ?>
<table class="list" id="batch-refused">
  <caption>未办理（原因）</caption>
  <thead><tr><th scope="col">申请</th><th scope="col">原因</th></tr></thead>
  <tbody><?cs each:x = Batch.Refused ?><tr data-app="<?cs var:x.id ?>"><td><a href="<?cs var:x.url ?>">#<?cs var:x.id ?></a></td><td><?cs var:x.why ?></td></tr><?cs /each ?></tbody>
</table>
<?cs /if ?>
<p><a href="<?cs var:Batch.back ?>">返回</a> · <a href="/inbox">待办事项</a></p>
