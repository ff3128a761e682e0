<?cs include!"child_file_macros.cs" ?>
<h1>更正证明材料：<?cs var:Att.filename ?></h1>
<p><a href="/children/<?cs var:Child.id ?>#attachments">返回<?cs var:Child.name ?>的档案</a></p>
<?cs if:Errors.count ?><p class="form-errors" role="alert">有 <?cs var:Errors.count ?> 处需要修改，请看标出的栏目。</p><?cs /if ?>
<p>上传时间：<?cs var:datetime(Att.at) ?>；<a href="/children/<?cs var:Child.id ?>/attachments/<?cs var:Att.id ?>">查看文件</a></p>
<form method="post" action="/children/<?cs var:Child.id ?>/attachments/<?cs var:Att.id ?>/edit" id="attachment-edit">
  <fieldset><legend>更正材料类型</legend>
  <?cs call:csrf() ?>
  <div class="field<?cs if:Errors.kind ?> has-error<?cs /if ?>"><label for="f-kind">材料类型 <abbr title="必填">*</abbr></label>
    <?cs call:kind_options(Form.kind) ?><?cs call:field_error(Errors.kind) ?></div>
  <?cs call:text_field("reason", "更正原因", Form.reason, Errors.reason, 1) ?>
  <button type="submit">保存更正</button>
  </fieldset>
</form>
<form method="post" action="/children/<?cs var:Child.id ?>/attachments/<?cs var:Att.id ?>/remove" id="attachment-remove">
  <fieldset><legend>删除此材料</legend>
  <?cs call:csrf() ?>
  <p class="hint">删除后此材料不再出现在档案中，删除原因保留在变更记录里。</p>
  <div class="field<?cs if:Errors.remove_reason ?> has-error<?cs /if ?>"><label for="f-remove-reason">删除原因 <abbr title="必填">*</abbr></label>
    <input type="text" id="f-remove-reason" name="remove_reason" value="<?cs var:Form.remove_reason ?>" maxlength="<?cs var:Limits.remove_reason ?>" required><?cs call:field_error(Errors.remove_reason) ?></div>
  <button type="submit">删除</button>
  </fieldset>
</form>
