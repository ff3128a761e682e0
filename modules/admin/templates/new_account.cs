<?cs # The fields every new account's form has (the security administrator's
  new user, the partner administrator's new partner account): the name the
  user signs in with and the display name (Form, Errors), then the initial
  password twice (Errors). ?>
<?cs def:new_account_name() ?>
  <div class="field<?cs if:Errors.username ?> has-error<?cs /if ?>"><label for="f-username">用户名 <abbr title="必填">*</abbr></label>
    <input type="text" id="f-username" name="username" value="<?cs var:Form.username ?>" maxlength="32" autocomplete="off" required>
    <span class="hint">3–32 个字符：小写字母、数字、下划线或点。</span>
    <?cs call:field_error(Errors.username) ?></div>
  <div class="field<?cs if:Errors.display_name ?> has-error<?cs /if ?>"><label for="f-display_name">姓名 <abbr title="必填">*</abbr></label>
    <input type="text" id="f-display_name" name="display_name" value="<?cs var:Form.display_name ?>" maxlength="64" required>
    <?cs call:field_error(Errors.display_name) ?></div>
<?cs /def ?>
<?cs def:new_account_password() ?>
  <div class="field<?cs if:Errors.password ?> has-error<?cs /if ?>"><label for="f-password">初始密码 <abbr title="必填">*</abbr></label>
    <input type="password" id="f-password" name="password" autocomplete="new-password" required>
    <span class="hint">至少 10 个字符，包含小写字母、大写字母、数字、符号中的至少三类；用户首次登录时须修改。</span>
    <?cs call:field_error(Errors.password) ?></div>
  <div class="field<?cs if:Errors.confirm_password ?> has-error<?cs /if ?>"><label for="f-confirm">确认初始密码 <abbr title="必填">*</abbr></label>
    <input type="password" id="f-confirm" name="confirm_password" autocomplete="new-password" required>
    <?cs call:field_error(Errors.confirm_password) ?></div>
<?cs /def ?>
