<h1>随迁子女</h1>
<p class="hint">户籍在外地、在本县就读的困境儿童，与本地儿童同等享受资助。</p>
<table class="list" id="migrants">
  <thead><tr><th scope="col">姓名</th><th scope="col">户籍所在地</th><th scope="col">学校</th><th scope="col">年级</th><th scope="col">就读方式</th><th scope="col">学期</th></tr></thead>
  <tbody>
  <?cs each:x = Rows ?><tr><td><a href="/education/children/<?cs var:x.id ?>"><?cs var:x.name ?></a></td><td><?cs var:x.hukou_place ?></td><td><?cs var:x.school ?></td><td><?cs var:x.grade ?></td><td><?cs var:label("education.mode", x.mode) ?></td><td><?cs var:x.semester ?></td></tr><?cs /each ?>
  <?cs if:!subcount(Rows) ?><tr><td colspan="6">无。</td></tr><?cs /if ?>
  </tbody>
</table>
