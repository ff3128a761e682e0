<?cs include:"school_form.cs" ?>
<?cs with:x = School ?>
<h1><?cs var:x.name ?></h1>
<dl id="school">
  <dt>学校标识码</dt><dd><?cs var:x.school_code ?></dd>
  <dt>学段</dt><dd><?cs var:label("education.level", x.level) ?></dd>
  <dt>乡镇（街道）</dt><dd><?cs var:division(x.township_code) ?></dd>
  <dt>寄宿制</dt><dd><?cs if:x.boarding == "1" ?>是<?cs else ?>否<?cs /if ?></dd>
</dl>
<?cs /with ?>
<table class="list" id="pupils">
  <caption>在读的困境儿童</caption>
  <thead><tr><th scope="col">姓名</th><th scope="col">学期</th><th scope="col">年级班级</th><th scope="col">就读方式</th></tr></thead>
  <tbody>
  <?cs each:p = Pupils ?><tr><td><a href="/education/children/<?cs var:p.id ?>"><?cs var:p.name ?></a></td><td><?cs var:p.semester ?></td><td><?cs var:p.grade ?><?cs var:p.class_name ?></td><td><?cs var:label("education.mode", p.mode) ?></td></tr><?cs /each ?>
  <?cs if:!subcount(Pupils) ?><tr><td colspan="4">暂无。</td></tr><?cs /if ?>
  </tbody>
</table>
<?cs if:Manager ?>
<section class="panel" id="account"><h2>收款账户（免学杂费等付学校的资助）</h2>
<form method="post" action="/education/schools/<?cs var:School.id ?>/account" class="narrow">
  <?cs call:csrf() ?>
  <?cs call:text_field("bank", "开户行", "", "", 1) ?>
  <?cs call:text_field("account", "账号", "", "", 1) ?>
  <button type="submit">登记</button>
</form></section>
<section class="panel" id="edit-school"><h2>修改学校信息</h2>
<?cs if:Errors.count ?><p class="form-error" role="alert">请改正标出的错误后再提交，未做任何修改。</p><?cs /if ?>
<form method="post" action="/education/schools/<?cs var:School.id ?>" class="narrow">
<?cs if:Errors.count ?><?cs call:school_fields(Form) ?><?cs else ?><?cs call:school_fields(School) ?><?cs /if ?>
<button type="submit">保存</button>
</form></section>
<?cs /if ?>
