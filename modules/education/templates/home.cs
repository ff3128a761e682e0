<h1>教育保障</h1>
<p>当前学期：<?cs var:Semester ?></p>
<ul class="links">
  <li><a href="/education/schools">学校名录</a></li>
  <?cs if:Manager || School ?><li><a href="/education/roll">学籍名册导入</a></li><?cs /if ?>
  <?cs if:Manager || School ?><li><a href="/education/aid">学生资助</a></li><?cs /if ?>
  <li><a href="/education/dropouts">控辍保学</a></li>
  <li><a href="/education/report">控辍保学月报</a></li>
  <li><a href="/education/disabled">残疾学生台账</a></li>
  <li><a href="/education/migrants">随迁子女</a></li>
</ul>
<table class="list" id="pupils">
  <caption>在读的困境儿童（<?cs var:subcount(Pupils) ?> 人，最多显示 500 人）</caption>
  <thead><tr><th scope="col">姓名</th><th scope="col">学期</th><th scope="col">学校</th><th scope="col">年级班级</th><th scope="col">就读方式</th></tr></thead>
  <tbody>
  <?cs each:p = Pupils ?><tr>
    <td><a href="/education/children/<?cs var:p.id ?>"><?cs var:p.name ?></a></td><td><?cs var:p.semester ?></td><td><?cs var:p.school ?></td>
    <td><?cs var:p.grade ?><?cs var:p.class_name ?></td><td><?cs var:label("education.mode", p.mode) ?><?cs if:p.boarding == "1" ?>（寄宿）<?cs /if ?></td>
  </tr><?cs /each ?>
  <?cs if:!subcount(Pupils) ?><tr><td colspan="5">暂无在读记录。</td></tr><?cs /if ?>
  </tbody>
</table>
