<h1>用户管理</h1>
<p><a class="button" href="/admin/users/new">新建用户</a></p>
<form method="get" action="/admin/users" class="filter">
  <div class="field"><label for="f-q">查找（用户名、姓名或单位）</label>
    <input type="text" id="f-q" name="q" value="<?cs var:Filter.q ?>" maxlength="64"></div>
  <button type="submit">查找</button>
</form>
<table class="list">
<caption>用户（按用户名排序，每页 50 个）</caption>
<thead><tr><th>用户名</th><th>姓名</th><th>单位</th><th>辖区</th><th>角色</th><th>状态</th><th>两步验证</th><th>最近登录</th></tr></thead>
<tbody>
<?cs each:u = Users ?>
<tr>
  <td><a href="/admin/users/<?cs var:u.id ?>"><?cs var:u.username ?></a></td>
  <td><?cs var:u.display_name ?></td>
  <td><?cs var:u.org ?></td>
  <td><?cs var:u.division ?></td>
  <td><?cs var:u.roles ?></td>
  <td><?cs if:u.active == "1" ?>启用<?cs else ?>已停用<?cs /if ?><?cs if:u.locked == "1" ?>，已锁定<?cs /if ?></td>
  <td><?cs if:u.totp == "1" ?>已启用<?cs else ?>未启用<?cs /if ?></td>
  <td><?cs var:datetime(u.last_login) ?></td>
</tr>
<?cs /each ?>
<?cs if:Counts.users == "0" ?><tr><td colspan="8">没有符合条件的用户。</td></tr><?cs /if ?>
</tbody>
</table>
<nav class="pager" aria-label="分页">
  <?cs if:Pager.Paged || Pager.Next ?><a href="/admin/users?q=<?cs var:url_escape(Filter.q) ?>">第一页</a><?cs /if ?>
  <?cs if:Pager.Next ?><a rel="next" href="/admin/users?q=<?cs var:url_escape(Filter.q) ?>&amp;after=<?cs var:url_escape(Pager.Next) ?>">下一页</a><?cs /if ?>
</nav>
