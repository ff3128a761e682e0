<?cs # The partner administrator's accounts of its own organisation (/org/users). ?>
<h1>本组织账户：<?cs var:Org.name ?></h1>
<?cs if:Form.Error ?><p class="form-error" role="alert"><?cs var:Form.Error ?></p><?cs /if ?>
<table class="list">
<caption>本组织的用户（按用户名排序，每页 50 个）</caption>
<thead><tr><th>用户名</th><th>姓名</th><th>角色</th><th>状态</th><th>最近登录（UTC）</th></tr></thead>
<tbody>
<?cs each:u = Users ?>
<tr>
  <td><?cs if:u.manageable == "1" ?><a href="/org/users/<?cs var:u.id ?>"><?cs var:u.username ?></a><?cs else ?><?cs var:u.username ?><?cs /if ?></td>
  <td><?cs var:u.display_name ?></td>
  <td><?cs var:u.roles ?></td>
  <td><?cs if:u.active == "1" ?>启用<?cs else ?>已停用<?cs /if ?><?cs if:u.locked == "1" ?>，已锁定<?cs /if ?></td>
  <td><?cs var:u.last_login ?></td>
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
  <div class="field<?cs if:Errors.username ?> has-error<?cs /if ?>"><label for="f-username">用户名 <abbr title="必填">*</abbr></label>
    <input type="text" id="f-username" name="username" value="<?cs var:Form.username ?>" maxlength="32" autocomplete="off" required>
    <span class="hint">3–32 个字符：小写字母、数字、下划线或点。</span>
    <?cs call:field_error(Errors.username) ?></div>
  <div class="field<?cs if:Errors.display_name ?> has-error<?cs /if ?>"><label for="f-display_name">姓名 <abbr title="必填">*</abbr></label>
    <input type="text" id="f-display_name" name="display_name" value="<?cs var:Form.display_name ?>" maxlength="64" required>
    <?cs call:field_error(Errors.display_name) ?></div>
  <div class="field<?cs if:Errors.password ?> has-error<?cs /if ?>"><label for="f-password">初始密码 <abbr title="必填">*</abbr></label>
    <input type="password" id="f-password" name="password" autocomplete="new-password" required>
    <span class="hint">至少 10 个字符，包含小写字母、大写字母、数字、符号中的至少三类；用户首次登录时须修改。</span>
    <?cs call:field_error(Errors.password) ?></div>
  <div class="field<?cs if:Errors.confirm_password ?> has-error<?cs /if ?>"><label for="f-confirm">确认初始密码 <abbr title="必填">*</abbr></label>
    <input type="password" id="f-confirm" name="confirm_password" autocomplete="new-password" required>
    <?cs call:field_error(Errors.confirm_password) ?></div>
  <p class="hint">新账户的角色为“社会组织合作方”，单位为<?cs var:Org.name ?>，辖区为本组织所在区划（<?cs var:Org.division ?>）。</p>
  <button type="submit">创建账户</button>
</form>
</section>
