<?cs include!"child_file_macros.cs" ?>
<h1>更正家庭成员：<?cs var:Member.relation ?> <?cs var:Member.name ?></h1>
<p><a href="/children/<?cs var:Child.id ?>#family">返回<?cs var:Child.name ?>的档案</a></p>
<?cs if:Errors.count ?><p class="form-errors" role="alert">有 <?cs var:Errors.count ?> 处需要修改，请看标出的栏目。</p><?cs /if ?>
<form method="post" action="/children/<?cs var:Child.id ?>/family/<?cs var:Member.id ?>/edit" id="family-edit">
  <fieldset><legend>更正</legend>
  <?cs call:csrf() ?>
  <?cs include!"family_fields.cs" ?>
  <p class="hint">现登记的身份证号：<?cs if:Member.masked ?><?cs var:Member.masked ?><?cs else ?>未登记<?cs /if ?>。不填则保持不变。</p>
  <?cs if:Member.masked ?><div class="field"><label><input type="checkbox" name="clear_id" value="1"<?cs if:Form.clear_id == "1" ?> checked<?cs /if ?>> 清除已登记的身份证号（登记错误时）</label></div><?cs /if ?>
  <?cs call:text_field("reason", "更正原因", Form.reason, Errors.reason, 1) ?>
  <button type="submit">保存更正</button>
  </fieldset>
</form>
<form method="post" action="/children/<?cs var:Child.id ?>/family/<?cs var:Member.id ?>/remove" id="family-remove">
  <fieldset><legend>删除此家庭成员</legend>
  <?cs call:csrf() ?>
  <p class="hint">删除后此人不再出现在档案中，删除原因和原有内容保留在变更记录里。</p>
  <div class="field<?cs if:Errors.remove_reason ?> has-error<?cs /if ?>"><label for="f-remove-reason">删除原因 <abbr title="必填">*</abbr></label>
    <input type="text" id="f-remove-reason" name="remove_reason" value="<?cs var:Form.remove_reason ?>" maxlength="<?cs var:Limits.remove_reason ?>" required><?cs call:field_error(Errors.remove_reason) ?></div>
  <button type="submit">删除</button>
  </fieldset>
</form>
