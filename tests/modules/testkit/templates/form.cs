<h1>表单</h1>
<?cs if:Errors.count ?><p class="form-error" role="alert" id="error-count">有 <?cs var:Errors.count ?> 处需要改正，未做任何修改。</p><?cs /if ?>
<form method="post" action="/_test/form">
  <?cs call:csrf() ?>
  <div class="field<?cs if:Errors.name ?> has-error<?cs /if ?>"><label for="f-name">姓名</label>
    <input type="text" id="f-name" name="name" value="<?cs var:Form.name ?>">
    <?cs call:field_error(Errors.name) ?></div>
  <div class="field<?cs if:Errors.age ?> has-error<?cs /if ?>"><label for="f-age">年龄</label>
    <input type="text" id="f-age" name="age" value="<?cs var:Form.age ?>">
    <?cs call:field_error(Errors.age) ?></div>
  <input type="password" name="password" value="<?cs var:Form.password ?>">
  <button type="submit">保存</button>
</form>
