<?cs with:i = Import ?>
<h1>学籍名册导入 #<?cs var:i.id ?>（<?cs var:i.semester ?>）</h1>
<dl id="summary">
  <dt>导入单位</dt><dd><?cs if:i.school ?><?cs var:i.school ?><?cs else ?>县教委（全县）<?cs /if ?></dd>
  <dt>文件</dt><dd><?cs var:i.filename ?></dd>
  <dt>名册行数</dt><dd id="rows"><?cs var:i.rows_total ?></dd>
  <dt>匹配困境儿童</dt><dd id="matched"><?cs var:i.matched ?>（其中在读情况有变化 <?cs var:i.updated ?>）</dd>
  <dt>非困境儿童（只计数）</dt><dd id="missing"><?cs var:i.not_in_registry ?></dd>
  <dt>未能导入的行</dt><dd id="refused"><?cs var:i.refused ?></dd>
</dl>
<?cs /with ?>
<table class="list" id="refused-rows">
  <caption>未能导入的行</caption>
  <thead><tr><th scope="col">行号</th><th scope="col">姓名</th><th scope="col">身份证号</th><th scope="col">学校</th><th scope="col">年级</th><th scope="col">原因</th></tr></thead>
  <tbody>
  <?cs each:x = Refused ?><tr><td><?cs var:x.row_no ?></td><td><?cs var:x.name ?></td><td><?cs var:x.id_masked ?></td><td><?cs var:x.school ?></td><td><?cs var:x.grade ?></td><td><?cs var:label("education.roll_reason", x.reason) ?></td></tr><?cs /each ?>
  <?cs if:!subcount(Refused) ?><tr><td colspan="6">无。</td></tr><?cs /if ?>
  </tbody>
</table>
<table class="list" id="missed">
  <caption>本学期各次名册均未匹配的义务教育阶段困境儿童（<?cs var:MissedCount ?> 人，最多显示 500 人）：请核实是否失学辍学</caption>
  <thead><tr><th scope="col">姓名</th><th scope="col">出生日期</th><th scope="col">乡镇（街道）</th><th scope="col">村（社区）</th></tr></thead>
  <tbody>
  <?cs each:m = Missed ?><tr><td><a href="/education/children/<?cs var:m.id ?>"><?cs var:m.name ?></a></td><td><?cs var:date(m.birth_date) ?></td><td><?cs var:division(m.township_code) ?></td><td><?cs var:division(m.village_code) ?></td></tr><?cs /each ?>
  <?cs if:!subcount(Missed) ?><tr><td colspan="4">无。</td></tr><?cs /if ?>
  </tbody>
</table>
