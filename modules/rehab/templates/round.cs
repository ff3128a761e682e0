<?cs with:rd = Round ?>
<h1>筛查轮次：<?cs var:division(rd.township_code) ?> <?cs var:date(rd.day) ?></h1>
<p>筛查机构：<?cs var:rd.org_name ?>；地点：<?cs var:rd.place ?>。已筛查 <strong id="screened"><?cs var:Count.screened ?></strong> 名，疑似 <strong id="suspected"><?cs var:Count.suspected ?></strong> 名，其中未入册 <?cs var:Count.unregistered ?> 名。</p>
<?cs if:ImportError ?><div class="form-error" role="alert" id="import-errors"><p><?cs var:ImportError ?></p><ul><?cs each:e = ImportErrors ?><li><?cs var:e ?></li><?cs /each ?></ul></div><?cs /if ?>
<form method="get" action="/rehab/rounds/<?cs var:rd.id ?>" class="inline">
  <label for="f-village">村（社区）</label>
  <select id="f-village" name="village"><option value="">全部</option><?cs each:v = Villages ?><option value="<?cs var:v.code ?>"<?cs if:v.code == Village ?> selected<?cs /if ?>><?cs var:v.name ?></option><?cs /each ?></select>
  <button type="submit">筛选</button>
</form>
<form method="post" action="/rehab/rounds/<?cs var:rd.id ?>/grid">
  <?cs call:csrf() ?>
  <table class="list" id="grid">
    <caption>在册 0-6 岁儿童（勾选“已筛查”，疑似的领域打勾；未勾的领域为正常）</caption>
    <thead><tr><th scope="col">姓名</th><th scope="col">出生日期</th><th scope="col">村（社区）</th><th scope="col">已筛查</th><?cs each:d = Domains ?><th scope="col"><?cs var:d.title ?>疑似</th><?cs /each ?></tr></thead>
    <tbody>
    <?cs each:c = Grid ?><tr>
      <td><?cs var:c.name ?></td><td><?cs var:date(c.birth_date) ?></td><td><?cs var:division(c.village_code) ?></td>
      <td><input type="checkbox" name="child" value="<?cs var:c.id ?>" aria-label="<?cs var:c.name ?>已筛查"<?cs if:c.sid ?> checked<?cs /if ?>></td>
      <?cs each:d = Domains ?><td><input type="checkbox" name="d_<?cs var:d.code ?>" value="<?cs var:c.id ?>" aria-label="<?cs var:c.name ?><?cs var:d.title ?>疑似"<?cs if:c[d.code] == "1" ?> checked<?cs /if ?>></td><?cs /each ?>
    </tr><?cs /each ?>
    <?cs if:!subcount(Grid) ?><tr><td colspan="10">该范围内没有 0-6 岁的在册儿童。</td></tr><?cs /if ?>
    </tbody>
  </table>
  <button type="submit">保存筛查结果</button>
</form>
<section class="panel" id="import">
  <h2>导入筛查结果</h2>
  <p>Excel（.xlsx、.xls）或 CSV，第一行为表头，列依次为：身份证号、姓名、性别（男/女）、出生日期、村（社区）代码（12 位）、视力、听力、言语、肢体运动、智力、孤独症表现（“正常”或“疑似”）。有身份证号且已入册的儿童按档案记入；其余登记为未入册儿童。任何一行有错误，整表不导入。</p>
  <form method="post" action="/rehab/rounds/<?cs var:rd.id ?>/import" enctype="multipart/form-data" class="narrow">
    <?cs call:csrf() ?>
    <input type="file" name="file" required aria-label="筛查结果表">
    <button type="submit">导入</button>
  </form>
</section>
<section class="panel" id="screenee">
  <h2>登记未入册儿童的筛查结果</h2>
  <form method="post" action="/rehab/rounds/<?cs var:rd.id ?>/screenees" class="narrow">
    <?cs call:csrf() ?>
    <?cs call:text_field("name", "姓名", "", "", 1) ?>
    <div class="field"><label for="f-sex">性别</label><select id="f-sex" name="sex"><option value="1">男</option><option value="2">女</option></select></div>
    <div class="field"><label for="f-birth">出生日期</label><input type="date" id="f-birth" name="birth" required></div>
    <div class="field"><label for="f-v2">村（社区）</label><select id="f-v2" name="village"><?cs each:v = Villages ?><option value="<?cs var:v.code ?>"><?cs var:v.name ?></option><?cs /each ?></select></div>
    <?cs call:text_field("id_number", "身份证号（如有）", "", "", 0) ?>
    <fieldset><legend>疑似的领域</legend><?cs each:d = Domains ?><label><input type="checkbox" name="d_<?cs var:d.code ?>" value="1"> <?cs var:d.title ?></label> <?cs /each ?></fieldset>
    <button type="submit">登记</button>
  </form>
  <form method="post" action="/rehab/rounds/<?cs var:rd.id ?>/link" class="inline"><?cs call:csrf() ?><button type="submit">关联已入册的儿童（按身份证号）</button></form>
</section>
<table class="list" id="others">
  <caption>未入册儿童（含此后已关联入册的）</caption>
  <thead><tr><th scope="col">姓名</th><th scope="col">出生日期</th><th scope="col">村（社区）</th><th scope="col">结果</th><th scope="col">档案</th></tr></thead>
  <tbody>
  <?cs each:o = Others ?><tr>
    <td><?cs var:o.name ?></td><td><?cs var:date(o.birth_date) ?></td><td><?cs var:division(o.village_code) ?></td>
    <td><?cs set:any = 0 ?><?cs each:d = Domains ?><?cs if:o[d.code] == "1" ?><?cs var:d.title ?>疑似 <?cs set:any = 1 ?><?cs /if ?><?cs /each ?><?cs if:!any ?>正常<?cs /if ?></td>
    <td><?cs if:o.child_id ?><a href="/children/<?cs var:o.child_id ?>">已入册</a><?cs else ?>未入册<?cs /if ?></td>
  </tr><?cs /each ?>
  <?cs if:!subcount(Others) ?><tr><td colspan="5">无。</td></tr><?cs /if ?>
  </tbody>
</table>
<?cs /with ?>
