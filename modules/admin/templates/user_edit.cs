<h1>用户：<?cs var:Edit.username ?></h1>
<p><a href="/admin/users">返回用户列表</a></p>
<section class="panel">
<dl class="facts">
  <dt>姓名</dt><dd><?cs var:Edit.display_name ?></dd>
  <dt>单位</dt><dd><?cs var:Edit.org_name ?></dd>
  <dt>辖区</dt><dd><?cs var:Edit.division_name ?>（<?cs var:Edit.division ?>）</dd>
  <dt>状态</dt><dd><?cs if:Edit.active == "1" ?>启用<?cs else ?>已停用<?cs /if ?><?cs if:Edit.locked == "1" ?>，已锁定<?cs /if ?><?cs if:Edit.must_change_password == "1" ?>，下次登录须修改密码<?cs /if ?></dd>
  <dt>两步验证</dt><dd><?cs if:Edit.totp == "1" ?>已启用<?cs else ?>未启用<?cs /if ?></dd>
  <dt>创建时间</dt><dd><?cs var:datetime(Edit.created_at) ?></dd>
  <dt>最近登录</dt><dd><?cs var:datetime(Edit.last_login) ?></dd>
</dl>
</section>

<section class="panel">
<h2>角色与辖区</h2>
<form method="post" action="/admin/users/<?cs var:Edit.id ?>">
  <?cs call:csrf() ?>
  <?cs set:V.org = Edit.org ?><?cs set:V.division = Edit.division ?><?cs set:V.totp_required = Edit.totp_required ?>
  <?cs include:"user_fields.cs" ?>
  <button type="submit">保存</button>
</form>
</section>

<section class="panel">
<h2>账户状态</h2>
<?cs call:field_error(Errors.status) ?>
<?cs if:Edit.Self ?><p class="hint">不能停用自己的账户。</p>
<?cs elif:Edit.active == "1" ?>
<form method="post" action="/admin/users/<?cs var:Edit.id ?>/disable" class="inline"><?cs call:csrf() ?><button type="submit">停用账户</button></form>
<span class="hint">停用后该用户的所有登录立即退出。</span>
<?cs else ?>
<form method="post" action="/admin/users/<?cs var:Edit.id ?>/enable" class="inline"><?cs call:csrf() ?><button type="submit">启用账户</button></form>
<?cs /if ?>
<?cs if:Edit.locked == "1" ?>
<form method="post" action="/admin/users/<?cs var:Edit.id ?>/unlock" class="inline"><?cs call:csrf() ?><button type="submit">解除锁定</button></form>
<?cs /if ?>
</section>

<section class="panel">
<h2>重置密码</h2>
<?cs if:Edit.Self ?><p class="hint">请通过“修改密码”页面修改自己的密码。</p><?cs else ?>
<?cs call:password_reset_form("/admin/users/" + Edit.id + "/password") ?>
<?cs /if ?>
</section>

<?cs if:Edit.totp == "1" ?>
<section class="panel">
<h2>两步验证</h2>
<?cs call:field_error(Errors.totp) ?>
<?cs if:!Edit.Self ?>
<form method="post" action="/admin/users/<?cs var:Edit.id ?>/totp-reset" class="inline"><?cs call:csrf() ?><button type="submit">重置两步验证</button></form>
<span class="hint">用于用户更换或丢失手机：该用户下次登录时须重新绑定验证器。</span>
<?cs /if ?>
</section>
<?cs /if ?>
