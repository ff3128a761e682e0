<?cs include!"child_file_macros.cs" ?><?cs include!"child_file_tables.cs" ?><?cs include!"child_file_panels.cs" ?>
<?cs with:c = Child ?>
<article class="print-file">
<h1>儿童档案（一人一档）：<?cs var:c.name ?></h1>
<p class="print-meta">打印时间：<?cs var:File.Today ?> · 打印人：<?cs var:User.Name ?> · 内部资料，涉及儿童个人信息，请妥善保管，不得外传。</p>
<section id="identity-section">
  <h2>身份信息</h2>
  <?cs include!"child_file_identity.cs" ?>
</section>
<section id="family">
  <h2>家庭成员及监护人</h2>
  <?cs call:family_table(0) ?>
</section>
<section id="categories">
  <h2>困境类别</h2>
  <?cs call:category_table(0) ?>
</section>
<section id="attachments">
  <h2>证明材料</h2>
  <table class="list">
    <thead><tr><th scope="col">材料类型</th><th scope="col">文件名</th><th scope="col">上传时间</th></tr></thead>
    <tbody>
    <?cs each:a = Atts ?><tr><td><?cs var:a.kind ?></td><td><?cs var:a.filename ?></td><td><?cs var:datetime(a.at) ?></td></tr><?cs /each ?>
    <?cs if:!subcount(Atts) ?><tr><td colspan="3">暂无材料。</td></tr><?cs /if ?>
    </tbody>
  </table>
</section>
<?cs call:child_panels(1) ?>
<section id="timeline-section">
  <h2>变更记录</h2>
  <?cs call:timeline_table() ?>
</section>
</article>
<?cs /with ?>
