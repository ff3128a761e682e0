<?cs include!"child_file_macros.cs" ?><?cs include!"child_file_tables.cs" ?><?cs include!"child_file_panels.cs" ?>
<?cs with:c = Child ?>
<h1>儿童档案：<?cs var:c.name ?></h1>
<nav class="file-actions" aria-label="档案操作">
  <a href="/children">返回台账</a>
  <a href="/children/<?cs var:c.id ?>/print">打印版</a>
  <?cs if:File.CanEdit ?><a href="/children/<?cs var:c.id ?>/edit">修改身份信息</a><?cs /if ?>
</nav>

<section class="panel" id="identity-section">
  <h2>身份信息</h2>
  <?cs include!"child_file_identity.cs" ?>
  <?cs if:File.Notes ?><h3>备注（敏感信息）</h3><pre class="notes"><?cs var:File.Notes ?></pre><?cs /if ?>
</section>

<section class="panel" id="family">
  <h2>家庭成员及监护人</h2>
  <?cs call:family_table(File.CanEdit) ?>
  <?cs if:File.CanEdit ?>
  <form method="post" action="/children/<?cs var:c.id ?>/family">
    <fieldset><legend>添加家庭成员</legend>
    <?cs call:csrf() ?>
    <?cs include!"family_fields.cs" ?>
    <button type="submit">添加</button>
    </fieldset>
  </form>
  <?cs /if ?>
</section>

<section class="panel" id="categories">
  <h2>困境类别</h2>
  <?cs call:category_table(File.CanEdit) ?>
  <?cs if:File.CanEdit ?>
  <form method="post" action="/children/<?cs var:c.id ?>/categories">
    <fieldset><legend>登记进入类别</legend>
    <?cs call:csrf() ?>
    <?cs call:select_field("category", "类别", Form.category, Errors.category, 1, Opts.category, "请选择") ?>
    <?cs call:text_field("basis", "认定依据（文件、证明）", Form.basis, Errors.basis, 1) ?>
    <?cs if:Form.start_date ?><?cs set:start = Form.start_date ?><?cs else ?><?cs set:start = File.Today ?><?cs /if ?>
    <?cs call:date_field("start_date", "开始日期", start, Errors.start_date, 1) ?>
    <button type="submit">登记</button>
    </fieldset>
  </form>
  <?cs /if ?>
</section>

<section class="panel" id="attachments">
  <h2>证明材料</h2>
  <table class="list" id="attachment-table">
    <caption>附件（<?cs var:Count.atts ?> 份）</caption>
    <thead><tr><th scope="col">材料类型</th><th scope="col">文件名</th><th scope="col">大小</th><th scope="col">上传时间</th><th scope="col">上传人</th><?cs if:File.CanEdit ?><th scope="col">操作</th><?cs /if ?></tr></thead>
    <tbody>
    <?cs each:a = Atts ?><tr><td><?cs var:a.kind ?></td><td><a href="/children/<?cs var:c.id ?>/attachments/<?cs var:a.id ?>"><?cs var:a.filename ?></a></td><td><?cs call:size_label(a.size) ?></td><td><?cs var:datetime(a.at) ?></td><td><?cs var:a.who ?></td><?cs if:File.CanEdit ?><td><a href="/children/<?cs var:c.id ?>/attachments/<?cs var:a.id ?>/edit">更正或删除</a></td><?cs /if ?></tr><?cs /each ?>
    <?cs if:!subcount(Atts) ?><tr><td colspan="6">暂无材料。</td></tr><?cs /if ?>
    </tbody>
  </table>
  <?cs if:File.CanEdit ?>
  <form method="post" action="/children/<?cs var:c.id ?>/attachments" enctype="multipart/form-data">
    <fieldset><legend>上传材料</legend>
    <?cs call:csrf() ?>
    <div class="field"><label for="f-kind">材料类型 <abbr title="必填">*</abbr></label>
      <?cs call:kind_options("") ?></div>
    <div class="field"><label for="f-file">文件 <abbr title="必填">*</abbr></label>
      <input type="file" id="f-file" name="file" accept="image/jpeg,image/png,application/pdf" required>
      <span class="hint">只接受 JPEG、PNG 图片或 PDF 文件，最大 8 MB。</span></div>
    <button type="submit">上传</button>
    </fieldset>
  </form>
  <?cs /if ?>
</section>

<section class="panel" id="applications-section">
  <h2>办理记录</h2>
  <table class="list" id="applications">
    <thead><tr><th scope="col">编号</th><th scope="col">申请事项</th><th scope="col">提交日期</th><th scope="col">状态</th><th scope="col">当前环节</th></tr></thead>
    <tbody>
    <?cs each:a = Apps ?><tr><td><a href="/<?cs var:a.module ?>/applications/<?cs var:a.id ?>">#<?cs var:a.id ?></a></td><td><?cs var:a.type_title ?></td><td><?cs var:date(a.started_at) ?></td>
      <td><?cs if:a.status == "open" ?>办理中<?cs elif:a.status == "returned" ?>退回补正中<?cs elif:a.status == "approved" ?>已批准<?cs elif:a.status == "rejected" ?>不予批准<?cs else ?><?cs var:a.status ?><?cs /if ?></td>
      <td><?cs if:a.status == "open" || a.status == "returned" ?><?cs var:a.step_title ?><?cs else ?>已办结<?cs /if ?></td></tr><?cs /each ?>
    <?cs if:!subcount(Apps) ?><tr><td colspan="5">没有申请记录。</td></tr><?cs /if ?>
    </tbody>
  </table>
</section>

<?cs call:child_panels(0) ?>

<section class="panel" id="timeline-section">
  <h2>变更记录</h2>
  <?cs call:timeline_table() ?>
</section>

<section class="panel" id="holds-section">
  <h2>各模块中的记录</h2>
  <?cs call:holds_table() ?>
</section>
<?cs /with ?>
