<section class="login">
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
</section>
