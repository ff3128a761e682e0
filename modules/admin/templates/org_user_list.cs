<?cs include:"new_account.cs" ?>
<?cs # The partner administrator's accounts of its own organisation (/org/users). ?>
<h1>本组织账户：<?cs var:Org.name ?></h1>
<table class="list">
<caption>本组织的用户（按用户名排序，每页 50 个）</caption>
<thead><tr><th>用户名</th><th>姓名</th><th>角色</th><th>状态</th><th>最近登录</th></tr></thead>
<tbody>
<?cs each:u = Users ?>
<tr>
  <td><?cs if:u.manageable == "1" ?><a href="/org/users/<?cs var:u.id ?>"><?cs var:u.username ?></a><?cs else ?><?cs var:u.username ?><?cs /if ?></td>
  <td><?cs var:u.display_name ?></td>
  <td><?cs var:u.roles ?></td>
  <td><?cs if:u.active == "1" ?>启用<?cs else ?>已停用<?cs /if ?><?cs if:u.locked == "1" ?>，已锁定<?cs /if ?></td>
  <td><?cs var:datetime(u.last_login) ?></td>
</tr>
<?cs /each ?>
<?cs if:Counts.users == "0" ?><tr><td colspan="5">本组织还没有用户。</td></tr><?cs /if ?>
</tbody>
</table>
<p class="hint">您只能管理角色仅为“社会组织合作方”的本组织账户；管理员账户和其他角色的账户请联系安全管理员。</p>
<nav class="pager" aria-label="分页">
  <?cs if:Pager.Paged ?><a href="/org/users">第一页</a><?cs /if ?>
  <?cs if:Pager.Next ?><a rel="next" href="/org/users?after=<?cs var:url_escape(Pager.Next) ?>">下一页</a><?cs /if ?>
</nav>

<section class="panel">
<h2>新建合作方账户</h2>
<form method="post" action="/org/users" class="narrow">
  <?cs call:csrf() ?>
  <?cs call:new_account_name() ?>
  <?cs call:new_account_password() ?>
  <p class="hint">新账户的角色为“社会组织合作方”，单位为<?cs var:Org.name ?>，辖区为本组织所在区划（<?cs var:Org.division ?>）。</p>
  <button type="submit">创建账户</button>
</form>
</section>
