<?cs # One partner user of the administrator's organisation (/org/users/{id}). ?>
<h1>账户：<?cs var:Edit.username ?></h1>
<p><a href="/org/users">返回本组织账户</a></p>
<section class="panel">
<dl class="facts">
  <dt>姓名</dt><dd><?cs var:Edit.display_name ?></dd>
  <dt>单位</dt><dd><?cs var:Org.name ?></dd>
  <dt>角色</dt><dd>社会组织合作方</dd>
  <dt>状态</dt><dd><?cs if:Edit.active == "1" ?>启用<?cs else ?>已停用<?cs /if ?><?cs if:Edit.locked == "1" ?>，已锁定<?cs /if ?><?cs if:Edit.must_change_password == "1" ?>，下次登录须修改密码<?cs /if ?></dd>
  <dt>创建时间</dt><dd><?cs var:datetime(Edit.created_at) ?></dd>
  <dt>最近登录</dt><dd><?cs var:datetime(Edit.last_login) ?></dd>
</dl>
</section>

<section class="panel">
<h2>账户状态</h2>
<?cs if:Edit.active == "1" ?>
<form method="post" action="/org/users/<?cs var:Edit.id ?>/disable" class="inline"><?cs call:csrf() ?><button type="submit">停用账户</button></form>
<span class="hint">停用后该用户的所有登录立即退出。</span>
<?cs else ?>
<form method="post" action="/org/users/<?cs var:Edit.id ?>/enable" class="inline"><?cs call:csrf() ?><button type="submit">启用账户</button></form>
<?cs /if ?>
<?cs if:Edit.locked == "1" ?>
<form method="post" action="/org/users/<?cs var:Edit.id ?>/unlock" class="inline"><?cs call:csrf() ?><button type="submit">解除锁定</button></form>
<span class="hint">该用户因多次登录失败被暂时锁定。</span>
<?cs /if ?>
</section>

<section class="panel">
<h2>重置密码</h2>
<?cs call:password_reset_form("/org/users/" + Edit.id + "/password") ?>
</section>
