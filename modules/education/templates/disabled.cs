<h1>残疾学生台账</h1>
<p class="hint">辖区内义务教育起始年龄至 17 周岁的残疾儿童（残疾信息来自儿童档案、残疾证），安置方式与支持服务；无安置的排在最前。 <a href="/education/disabled.xlsx">导出 Excel</a></p>
<table class="list" id="disabled">
  <thead><tr><th scope="col">姓名</th><th scope="col">乡镇（街道）</th><th scope="col">残疾类别、等级</th><th scope="col">残疾证有效期</th><th scope="col">学校、年级</th><th scope="col">安置方式</th><th scope="col">资源教室</th><th scope="col">巡回指导</th><th scope="col">送教上门</th></tr></thead>
  <tbody>
  <?cs each:x = Rows ?><tr<?cs if:x.no_placement == "1" ?> class="overdue" data-none="1"<?cs /if ?>><td><a href="/education/children/<?cs var:x.id ?>"><?cs var:x.name ?></a></td><td><?cs var:division(x.township_code) ?></td><td><?cs var:label("registry.disability", x.disability_type) ?> <?cs var:label("registry.grade", x.disability_grade) ?></td><td><?cs var:date(x.disability_cert_expiry) ?><?cs if:x.certified == "1" ?> <span class="cert" id="cert-<?cs var:x.id ?>">（残疾人证）</span><?cs /if ?></td><td><?cs var:x.school ?> <?cs var:x.grade ?></td><td><?cs if:x.no_placement == "1" ?><strong>无安置</strong><?cs else ?><?cs var:label("education.mode", x.mode) ?><?cs /if ?></td><td class="num"><?cs var:x.resource_room ?></td><td class="num"><?cs var:x.itinerant ?></td><td class="num"><?cs var:x.home_visit ?></td></tr><?cs /each ?>
  <?cs if:!subcount(Rows) ?><tr><td colspan="9">无。</td></tr><?cs /if ?>
  </tbody>
</table>
