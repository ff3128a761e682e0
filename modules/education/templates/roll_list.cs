<h1>学籍名册导入</h1>
<p class="hint">上传全国中小学生学籍信息管理系统导出的学期名册（xlsx、xls 或 CSV），列依次为：姓名、身份证号、学校（标识码或名称）、年级，可选班级；首行可为表头。按身份证号匹配困境儿童档案，更新在读情况；不属于困境儿童的学生只计数，不保存。学校只能导入本校名册，本校名册中尚未在本校在读登记的困境儿童由县教委导入。</p>
<?cs if:Errors.count ?><p class="form-error" role="alert">请改正标出的错误后再提交，未做任何修改。</p><?cs /if ?>
<form method="post" action="/education/roll" enctype="multipart/form-data" class="narrow">
  <?cs call:csrf() ?>
  <?cs call:text_field("semester", "学期（如 2026-2 为秋季学期）", Form.semester, Errors.semester, 1) ?>
  <div class="field"><label for="f-file">名册文件</label><input type="file" id="f-file" name="file" required><?cs call:field_error(Errors.file) ?></div>
  <button type="submit">导入</button>
</form>
<table class="list" id="imports">
  <thead><tr><th scope="col">编号</th><th scope="col">学期</th><th scope="col">学校</th><th scope="col">文件</th><th scope="col">行数</th><th scope="col">匹配</th><th scope="col">更新</th><th scope="col">非困境儿童</th><th scope="col">未能导入</th><th scope="col">时间</th></tr></thead>
  <tbody>
  <?cs each:i = Imports ?><tr><td><a href="/education/roll/<?cs var:i.id ?>">#<?cs var:i.id ?></a></td><td><?cs var:i.semester ?></td><td><?cs if:i.school ?><?cs var:i.school ?><?cs else ?>县教委（全县）<?cs /if ?></td><td><?cs var:i.filename ?></td><td class="num"><?cs var:i.rows_total ?></td><td class="num"><?cs var:i.matched ?></td><td class="num"><?cs var:i.updated ?></td><td class="num"><?cs var:i.not_in_registry ?></td><td class="num"><?cs var:i.refused ?></td><td><?cs var:datetime(i.created_at) ?></td></tr><?cs /each ?>
  <?cs if:!subcount(Imports) ?><tr><td colspan="10">尚未导入。</td></tr><?cs /if ?>
  </tbody>
</table>
