<h1>残疾与康复：<?cs var:Child.name ?></h1>
<p><a href="/children/<?cs var:Child.id ?>">儿童档案</a> · <a href="/rehab/apply?child=<?cs var:Child.id ?>">申请康复救助</a></p>
<table class="list" id="panel">
  <thead><tr><?cs each:h = Panel.Cols ?><th scope="col"><?cs var:h ?></th><?cs /each ?></tr></thead>
  <tbody><?cs each:row = Panel.Rows ?><tr><?cs each:cell = row ?><td><?cs var:cell ?></td><?cs /each ?></tr><?cs /each ?>
  <?cs if:!subcount(Panel.Rows) ?><tr><td colspan="3">尚无记录。</td></tr><?cs /if ?></tbody>
</table>
<section class="panel" id="certificate">
  <h2>登记残疾人证（换领时登记新证，旧证自动失效）</h2>
  <form method="post" action="/rehab/children/<?cs var:Child.id ?>/certificate" class="narrow">
    <?cs call:csrf() ?>
    <?cs call:text_field("number", "残疾人证号（20 位）", "", "", 1) ?>
    <div class="field"><label for="f-cat">残疾类别</label><select id="f-cat" name="category"><?cs each:c = Categories ?><option value="<?cs var:c.code ?>"><?cs var:c.title ?></option><?cs /each ?></select></div>
    <div class="field"><label for="f-grade">残疾等级</label><select id="f-grade" name="grade"><option value="1">一级</option><option value="2">二级</option><option value="3">三级</option><option value="4">四级</option></select></div>
    <div class="field"><label for="f-issued">发证日期</label><input type="date" id="f-issued" name="issued" max="<?cs var:Today ?>" required></div>
    <button type="submit">登记</button>
  </form>
</section>
