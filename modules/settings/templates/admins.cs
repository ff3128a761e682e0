<h1>模块管理员</h1>
<p class="hint">模块管理员只能修改所管理模块的设置和目录，并为其辖区内的用户授予该模块的工作权限；不能授予管理员权限。</p>
<section class="panel">
<h2>指定模块管理员</h2>
<form method="post" action="/admin/module-admins" class="narrow">
  <?cs call:csrf() ?>
  <div class="field<?cs if:Errors.module ?> has-error<?cs /if ?>"><label for="f-module">模块 <abbr title="必填">*</abbr></label>
    <select id="f-module" name="module" required><option value="">请选择</option>
    <?cs each:m = Modules ?><option value="<?cs var:m.name ?>"<?cs if:m.name == Form.module ?> selected<?cs /if ?>><?cs var:m.title ?></option><?cs /each ?>
    </select><?cs call:field_error(Errors.module) ?></div>
  <div class="field<?cs if:Errors.username ?> has-error<?cs /if ?>"><label for="f-username">用户名 <abbr title="必填">*</abbr></label>
    <input type="text" id="f-username" name="username" value="<?cs var:Form.username ?>" maxlength="64" required>
    <?cs call:field_error(Errors.username) ?></div>
  <button type="submit">指定</button>
</form>
</section>
<table class="list" id="admins">
<caption>现有模块管理员</caption>
<thead><tr><th scope="col">模块</th><th scope="col">用户名</th><th scope="col">姓名</th><th scope="col">指定时间</th><th scope="col">操作</th></tr></thead>
<tbody>
<?cs each:a = Admins ?><tr>
  <td><?cs var:a.module ?></td><td><?cs var:a.username ?></td><td><?cs var:a.display_name ?></td><td><?cs var:datetime(a.granted_at) ?></td>
  <td><form method="post" action="/admin/module-admins/remove" class="inline"><?cs call:csrf() ?><input type="hidden" name="module" value="<?cs var:a.module ?>"><input type="hidden" name="user" value="<?cs var:a.id ?>"><button type="submit">取消</button></form></td>
</tr><?cs /each ?>
<?cs if:!subcount(Admins) ?><tr><td colspan="5">尚未指定模块管理员。</td></tr><?cs /if ?>
</tbody>
</table>
