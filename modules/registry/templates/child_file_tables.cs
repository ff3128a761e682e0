<?cs # tables shared by the file page and the print page; forms only when edit is set ?>
<?cs def:family_table(edit) ?>
<table class="list" id="family-table">
  <caption>家庭成员及监护人（<?cs var:Count.family ?> 人）</caption>
  <thead><tr><th scope="col">关系</th><th scope="col">姓名</th><th scope="col">身份证号</th><th scope="col">情况</th><th scope="col">监护人</th><th scope="col">电话</th><th scope="col">备注</th><?cs if:edit ?><th scope="col">操作</th><?cs /if ?></tr></thead>
  <tbody>
  <?cs each:m = Family ?><tr>
    <td><?cs var:m.relation ?></td><td><?cs var:m.name ?></td><td><?cs var:FamilyIds[m.id] ?></td>
    <td><?cs var:label("registry.situation", m.situation) ?></td><td><?cs if:m.guardian == "1" ?>是<?cs else ?>否<?cs /if ?></td>
    <td><?cs var:m.phone ?></td><td><?cs var:m.note ?></td>
    <?cs if:edit ?><td><a href="/children/<?cs var:Child.id ?>/family/<?cs var:m.id ?>/edit">更正或删除</a></td><?cs /if ?></tr>
  <?cs /each ?>
  <?cs if:!subcount(Family) ?><tr><td colspan="8">尚未登记。</td></tr><?cs /if ?>
  </tbody>
</table>
<?cs /def ?>
<?cs def:category_table(edit) ?>
<table class="list" id="category-table">
  <caption>困境类别（当前和历史）</caption>
  <thead><tr><th scope="col">类别</th><th scope="col">认定依据</th><th scope="col">开始日期</th><th scope="col">退出日期</th><th scope="col">退出原因</th><th scope="col">登记人</th><?cs if:edit ?><th scope="col">操作</th><?cs /if ?></tr></thead>
  <tbody>
  <?cs each:k = Cats ?><tr>
    <td><?cs var:label("core.category", k.category) ?><?cs if:!k.end_date ?>（当前）<?cs /if ?></td>
    <td><?cs var:k.basis ?></td><td><?cs var:k.start_date ?></td><td><?cs var:k.end_date ?></td>
    <td><?cs if:k.exit_reason ?><?cs var:label("registry.exit", k.exit_reason) ?><?cs if:k.exit_note ?>：<?cs var:k.exit_note ?><?cs /if ?><?cs /if ?></td>
    <td><?cs var:k.entered_by ?></td>
    <?cs if:edit ?><td><?cs if:!k.end_date ?>
      <form method="post" action="/children/<?cs var:Child.id ?>/categories/<?cs var:k.id ?>/exit" class="exit-form">
        <?cs call:csrf() ?>
        <label for="x-end-<?cs var:k.id ?>">退出日期</label>
        <input type="date" id="x-end-<?cs var:k.id ?>" name="end_date" value="<?cs var:File.Today ?>" required>
        <label for="x-reason-<?cs var:k.id ?>">原因</label>
        <select id="x-reason-<?cs var:k.id ?>" name="exit_reason" required><option value="">请选择</option><?cs each:o = Opts.exit ?><option value="<?cs var:o.code ?>"><?cs var:o.title ?></option><?cs /each ?></select>
        <label for="x-note-<?cs var:k.id ?>">说明</label>
        <input type="text" id="x-note-<?cs var:k.id ?>" name="exit_note" maxlength="200">
        <?cs if:ExitFailed == k.id ?><?cs call:confirm_box("confirm", "我已核对，确认退出此类别（退出记录不能修改）", Errors.exit_confirm, 1) ?><?cs else ?><?cs call:confirm_box("confirm", "我已核对，确认退出此类别（退出记录不能修改）", "", 1) ?><?cs /if ?>
        <button type="submit">退出此类别</button>
      </form>
    <?cs /if ?></td><?cs /if ?>
  </tr><?cs /each ?>
  <?cs if:!subcount(Cats) ?><tr><td colspan="7">尚未登记任何类别。</td></tr><?cs /if ?>
  </tbody>
</table>
<?cs /def ?>
<?cs def:timeline_table() ?>
<table class="list" id="timeline">
  <caption>变更记录（最新在前）</caption>
  <thead><tr><th scope="col">时间</th><th scope="col">模块</th><th scope="col">内容</th><th scope="col">操作人</th></tr></thead>
  <tbody>
  <?cs each:e = Events ?><tr><td><?cs var:datetime(e.at) ?></td><td><?cs var:label("registry.module", e.module) ?></td><td class="summary"><?cs var:e.summary ?></td><td><?cs var:e.who ?></td></tr><?cs /each ?>
  </tbody>
</table>
<?cs /def ?>
<?cs def:holds_table() ?>
<table class="list" id="holds">
  <caption>各模块中的记录</caption>
  <thead><tr><th scope="col">模块</th><th scope="col">保存的内容</th><th scope="col">变更记录</th><th scope="col">最后变更</th></tr></thead>
  <tbody>
  <?cs each:h = Holds ?><tr><td><?cs var:label("registry.module", h.module) ?></td>
    <td><?cs if:h.module == "registry" ?>身份信息、家庭成员 <?cs var:Count.family ?> 人、类别记录 <?cs var:Count.cats ?> 条、材料 <?cs var:Count.atts ?> 份<?cs /if ?></td>
    <td><?cs var:h.events ?> 条</td><td><?cs var:datetime(h.last) ?></td></tr><?cs /each ?>
  </tbody>
</table>
<?cs /def ?>
