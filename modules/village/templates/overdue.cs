<link rel="stylesheet" href="/village/village.css">
<h1>逾期未走访</h1>
<p>截至 <?cs var:date(Today) ?>，按各类儿童的走访周期计算。</p>
<table class="list" id="townships"><caption>按乡镇（街道）</caption>
  <thead><tr><th scope="col">乡镇（街道）</th><th scope="col">儿童数</th><th scope="col">逾期未走访</th></tr></thead>
  <tbody><?cs each:t = Townships ?><tr data-code="<?cs var:t.code ?>"><td><?cs var:division(t.code) ?></td><td class="num"><?cs var:t.children ?></td><td class="num late"><?cs var:t.late ?></td></tr>
<?cs /each ?></tbody>
</table>
<table class="list" id="directors"><caption>按儿童主任</caption>
  <thead><tr><th scope="col">儿童主任</th><th scope="col">乡镇（街道）</th><th scope="col">儿童数</th><th scope="col">逾期未走访</th></tr></thead>
  <tbody><?cs each:d = Directors ?><tr data-user="<?cs var:d.username ?>"><td><?cs var:d.director ?></td><td><?cs var:division(d.township_code) ?></td><td class="num"><?cs var:d.children ?></td><td class="num late"><?cs var:d.late ?></td></tr>
<?cs /each ?></tbody>
</table>
<table class="list" id="late"><caption>逾期儿童（最早到期在前）</caption>
  <thead><tr><th scope="col">儿童</th><th scope="col">村（居）</th><th scope="col">上次走访</th><th scope="col">应走访</th></tr></thead>
  <tbody><?cs each:c = Late ?><tr class="overdue"><td><a href="/children/<?cs var:c.id ?>"><?cs var:c.name ?></a></td><td><?cs var:division(c.village_code) ?></td><td><?cs if:c.last_visit ?><?cs var:date(c.last_visit) ?><?cs else ?>未走访<?cs /if ?></td><td><?cs var:date(c.due) ?></td></tr><?cs /each ?>
  <?cs if:!subcount(Late) ?><tr><td colspan="4">没有逾期未走访的儿童。</td></tr><?cs /if ?></tbody>
</table>
