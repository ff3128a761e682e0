<h1>账户安全：两步验证</h1>
<?cs if:Totp.Enabled ?>
<p class="flash" role="status">您的账户已启用两步验证。登录时输入密码后，还须输入验证器中的 6 位验证码。</p>
<p class="hint">如更换或丢失手机，请联系安全管理员重置两步验证。</p>
<?cs else ?>
<?cs if:Totp.Blocking ?><p class="form-error" role="alert">您的账户必须启用两步验证后才能使用本系统。</p>
<?cs elif:Totp.Required ?><p class="hint">您的账户要求启用两步验证。</p>
<?cs else ?><p class="hint">两步验证为可选项：启用后，即使密码泄露，他人也无法登录您的账户。</p><?cs /if ?>
<?cs if:Form.Error ?><p class="form-error" role="alert"><?cs var:Form.Error ?></p><?cs /if ?>
<ol>
  <li>在手机上打开验证器应用（如 FreeOTP、Google Authenticator、Microsoft Authenticator 或手机自带的“验证码”功能），选择“手动输入密钥”。</li>
  <li>账户名填写您的用户名 <strong><?cs var:User.Username ?></strong>，密钥填写：
    <p class="secret"><code id="totp-secret"><?cs var:Totp.Secret ?></code></p>
    类型选择“基于时间”，6 位数字，30 秒。支持导入链接的应用也可使用以下地址：
    <p class="secret"><code id="totp-uri"><?cs var:Totp.Uri ?></code></p></li>
  <li>输入验证器当前显示的 6 位验证码，完成绑定。</li>
</ol>
<form method="post" action="/account/totp" class="narrow">
  <?cs call:csrf() ?>
  <div class="field"><label for="f-code">验证码</label>
    <input type="text" id="f-code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required></div>
  <button type="submit">确认绑定</button>
</form>
<p class="hint">密钥仅此账户使用，请勿截图外传。</p>
<?cs /if ?>
