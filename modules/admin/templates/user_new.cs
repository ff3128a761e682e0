<?cs include:"new_account.cs" ?>
<h1>新建用户</h1>
<p><a href="/admin/users">返回用户列表</a></p>
<form method="post" action="/admin/users/new" class="narrow">
  <?cs call:csrf() ?>
  <?cs call:new_account_name() ?>
  <?cs set:V.org = Form.org ?><?cs set:V.division = Form.division ?><?cs set:V.totp_required = Form.totp_required ?>
  <?cs include:"user_fields.cs" ?>
  <?cs call:new_account_password() ?>
  <button type="submit">创建用户</button>
</form>
