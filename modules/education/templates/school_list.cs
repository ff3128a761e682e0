<?cs include:"school_form.cs" ?>
<h1>学校名录</h1>
<?cs if:Errors.count ?><p class="form-error" role="alert">请改正标出的错误后再提交，未做任何修改。</p><?cs /if ?>
<table class="list" id="schools">
  <thead><tr><th scope="col">学校标识码</th><th scope="col">名称</th><th scope="col">学段</th><th scope="col">乡镇（街道）</th><th scope="col">寄宿制</th><th scope="col">在读困境儿童</th></tr></thead>
  <tbody>
  <?cs each:x = Schools ?><tr>
    <td><?cs var:x.school_code ?></td><td><a href="/education/schools/<?cs var:x.id ?>"><?cs var:x.name ?></a></td><td><?cs var:label("education.level", x.level) ?></td>
    <td><?cs var:division(x.township_code) ?></td><td><?cs if:x.boarding == "1" ?>是<?cs else ?>否<?cs /if ?></td><td class="num"><?cs var:x.pupils ?></td>
  </tr><?cs /each ?>
  <?cs if:!subcount(Schools) ?><tr><td colspan="6">尚未登记学校。</td></tr><?cs /if ?>
  </tbody>
</table>
<?cs if:Manager ?>
<section class="panel" id="new-school"><h2>登记学校</h2>
<form method="post" action="/education/schools" class="narrow">
<?cs call:school_fields(Form) ?>
<button type="submit">登记</button>
</form></section>
<?cs /if ?>
