<h1>控辍保学月报（<?cs var:Month ?>）</h1>
<form method="get" action="/education/report" class="inline"><label for="f-month">月份</label> <input id="f-month" name="month" value="<?cs var:Month ?>" pattern="[0-9]{4}-[0-9]{2}"> <button type="submit">查看</button></form>
<table class="list" id="report">
  <thead><tr><th scope="col">乡镇（街道）</th><th scope="col">本月新立</th><th scope="col">本月劝返复学</th><th scope="col">月末仍在办理</th></tr></thead>
  <tbody>
  <?cs each:x = Rows ?><tr data-town="<?cs var:x.township_code ?>"><td><?cs var:division(x.township_code) ?></td><td class="num"><?cs var:x.opened ?></td><td class="num"><?cs var:x.returned ?></td><td class="num"><?cs var:x.still_open ?></td></tr><?cs /each ?>
  <?cs if:!subcount(Rows) ?><tr><td colspan="4">无。</td></tr><?cs /if ?>
  </tbody>
</table>
