<section class="login">
<?cs if:Login.Step == "totp" ?>
<h1>两步验证</h1>
<?cs if:Login.Error ?><p class="form-error" role="alert"><?cs var:Login.Error ?></p><?cs /if ?>
<form method="post" action="/login/totp">
  <?cs call:csrf() ?>
  <input type="hidden" name="next" value="<?cs var:Login.Next ?>">
  <div class="field"><label for="f-code">验证码</label>
    <input type="text" id="f-code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required autofocus>
    <span class="hint">请输入手机验证器中显示的 6 位数字。</span></div>
  <button type="submit">验证</button>
</form>
<p class="hint">验证码错误也计入失败次数：连续 5 次错误，账户将被锁定 15 分钟。<a href="/login">重新登录</a></p>
<?cs else ?>
<h1>登录</h1>
<?cs if:Login.Notice ?><p class="flash" role="status"><?cs var:Login.Notice ?></p><?cs /if ?>
<?cs if:Login.Error ?><p class="form-error" role="alert"><?cs var:Login.Error ?></p><?cs /if ?>
<form method="post" action="/login">
  <?cs call:csrf() ?>
  <input type="hidden" name="next" value="<?cs var:Login.Next ?>">
  <div class="field"><label for="f-username">用户名</label>
    <input type="text" id="f-username" name="username" value="<?cs var:Login.Username ?>" autocomplete="username" required autofocus></div>
  <div class="field"><label for="f-password">密码</label>
    <input type="password" id="f-password" name="password" autocomplete="current-password" required></div>
  <button type="submit">登录</button>
</form>
<p class="hint">连续 5 次输入错误，账户将被锁定 15 分钟。</p>
<?cs /if ?>
</section>
