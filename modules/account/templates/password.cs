<h1>修改密码</h1>
<?cs if:Form.Forced ?><p class="flash" role="status">首次登录或密码已被重置，请先设置新密码。</p><?cs /if ?>
<form method="post" action="/account/password" class="narrow">
  <?cs call:csrf() ?>
  <div class="field"><label for="f-old">原密码</label>
    <input type="password" id="f-old" name="old_password" autocomplete="current-password" required></div>
  <div class="field"><label for="f-new">新密码</label>
    <input type="password" id="f-new" name="new_password" autocomplete="new-password" required>
    <span class="hint">至少 10 个字符，包含小写字母、大写字母、数字、符号中的至少三类。</span></div>
  <div class="field"><label for="f-confirm">确认新密码</label>
    <input type="password" id="f-confirm" name="confirm_password" autocomplete="new-password" required></div>
  <button type="submit">保存</button>
</form>
