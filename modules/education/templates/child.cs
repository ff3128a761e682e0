<?cs with:c = Child ?>
<h1><?cs var:c.name ?>：教育保障</h1>
<p><a href="/children/<?cs var:c.id ?>">儿童档案</a><?cs if:Counsel ?> · <a href="/education/children/<?cs var:c.id ?>/counselling">心理辅导</a><?cs /if ?></p>
<?cs /with ?>
<?cs if:Errors.count ?><p class="form-error" role="alert">请改正标出的错误后再提交，未做任何修改。</p><?cs /if ?>
<table class="list" id="history">
  <caption>在读情况（按时间倒序，历次变更均保留）</caption>
  <thead><tr><th scope="col">学期</th><th scope="col">学校</th><th scope="col">年级班级</th><th scope="col">就读方式</th><th scope="col">随迁子女</th><th scope="col">起</th><th scope="col">止</th><th scope="col">来源</th></tr></thead>
  <tbody>
  <?cs each:h = History ?><tr<?cs if:!h.ended_on ?> class="current"<?cs /if ?>>
    <td><?cs var:h.semester ?></td><td><?cs var:h.school ?></td><td><?cs var:h.grade ?><?cs var:h.class_name ?></td>
    <td><?cs var:label("education.mode", h.mode) ?><?cs if:h.boarding == "1" ?>（寄宿）<?cs /if ?></td>
    <td><?cs if:h.migrant == "1" ?>是（<?cs var:h.hukou_place ?>）<?cs /if ?></td>
    <td><?cs var:date(h.valid_from) ?></td><td><?cs var:date(h.ended_on) ?></td><td><?cs if:h.source == "roll" ?>学籍导入<?cs else ?>登记<?cs /if ?></td>
  </tr><?cs /each ?>
  <?cs if:!subcount(History) ?><tr><td colspan="8">暂无在读记录。</td></tr><?cs /if ?>
  </tbody>
</table>
<?cs if:CanEnrol ?>
<section class="panel" id="enrol"><h2>登记在读情况</h2>
<form method="post" action="/education/children/<?cs var:Child.id ?>/enrol" class="narrow">
  <?cs call:csrf() ?>
  <div class="field"><label for="f-school">学校</label>
    <select id="f-school" name="school"><option value="">（未入学、缓免学）</option><?cs each:x = Schools ?><option value="<?cs var:x.id ?>"<?cs if:x.id == Current.org_id ?> selected<?cs /if ?>><?cs var:x.name ?></option><?cs /each ?></select><?cs call:field_error(Errors.school) ?></div>
  <?cs call:text_field("semester", "学期（如 2026-2 为秋季）", Semester, Errors.semester, 1) ?>
  <?cs call:text_field("grade", "年级", Current.grade, Errors.grade, 0) ?>
  <?cs call:text_field("class_name", "班级", Current.class_name, Errors.class_name, 0) ?>
  <div class="field"><label for="f-mode">就读方式</label>
    <select id="f-mode" name="mode"><?cs each:m = Modes ?><option value="<?cs var:m.code ?>"<?cs if:m.code == Current.mode ?> selected<?cs /if ?>><?cs var:m.title ?></option><?cs /each ?></select><?cs call:field_error(Errors.mode) ?></div>
  <div class="field"><label><input type="checkbox" name="boarding" value="1"<?cs if:Current.boarding == "1" ?> checked<?cs /if ?>> 寄宿</label></div>
  <div class="field"><label><input type="checkbox" name="migrant" value="1"<?cs if:Current.migrant == "1" ?> checked<?cs /if ?>> 随迁子女（户籍在外地）</label></div>
  <?cs call:text_field("hukou_place", "户籍所在地（随迁子女）", Current.hukou_place, Errors.hukou_place, 0) ?>
  <?cs call:text_field("note", "备注", "", Errors.note, 0) ?>
  <button type="submit">登记</button>
</form></section>
<?cs /if ?>
<table class="list" id="cases">
  <caption>控辍保学</caption>
  <thead><tr><th scope="col">案件</th><th scope="col">原因</th><th scope="col">发现日期</th><th scope="col">环节</th><th scope="col">结果</th></tr></thead>
  <tbody>
  <?cs each:k = Cases ?><tr><td><a href="/education/applications/<?cs var:k.app_id ?>">#<?cs var:k.app_id ?></a></td><td><?cs var:label("education.dropout_reason", k.reason) ?></td><td><?cs var:date(k.detected_on) ?></td><td><?cs if:k.status == "open" ?><?cs var:k.step_title ?><?cs else ?>已办结 <?cs var:date(k.closed_on) ?><?cs /if ?></td><td><?cs if:k.outcome ?><?cs var:label("education.outcome", k.outcome) ?><?cs /if ?></td></tr><?cs /each ?>
  <?cs if:!subcount(Cases) ?><tr><td colspan="5">无。</td></tr><?cs /if ?>
  </tbody>
</table>
<?cs if:IsSchool ?>
<section class="panel" id="absent"><h2>报告缺课（疑似辍学）</h2>
<form method="post" action="/education/children/<?cs var:Child.id ?>/absent" class="narrow">
  <?cs call:csrf() ?>
  <?cs call:text_field("note", "缺课情况", "", Errors.note, 1) ?>
  <button type="submit">报告</button>
</form></section>
<?cs /if ?>
<table class="list" id="support">
  <caption>特殊教育支持服务</caption>
  <thead><tr><th scope="col">日期</th><th scope="col">方式</th><th scope="col">内容</th></tr></thead>
  <tbody>
  <?cs each:x = Support ?><tr><td><?cs var:date(x.day) ?></td><td><?cs var:label("education.support", x.kind) ?></td><td><?cs var:x.note ?></td></tr><?cs /each ?>
  <?cs if:!subcount(Support) ?><tr><td colspan="3">无。</td></tr><?cs /if ?>
  </tbody>
</table>
<?cs if:CanEnrol ?>
<form method="post" action="/education/children/<?cs var:Child.id ?>/support" class="narrow" id="support-form">
  <?cs call:csrf() ?>
  <div class="field"><label for="f-kind">支持方式</label>
    <select id="f-kind" name="kind"><?cs each:k = SupportKinds ?><option value="<?cs var:k.code ?>"><?cs var:k.title ?></option><?cs /each ?></select><?cs call:field_error(Errors.kind) ?></div>
  <div class="field"><label for="f-day">日期</label><input type="date" id="f-day" name="day" required><?cs call:field_error(Errors.day) ?></div>
  <?cs call:text_field("note", "内容", "", "", 0) ?>
  <button type="submit">记录支持服务</button>
</form>
<?cs /if ?>
