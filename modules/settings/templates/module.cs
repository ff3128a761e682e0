<h1>模块设置：<?cs var:Module.title ?></h1>
<p><a href="/admin/settings">返回模块列表</a></p>
<?cs if:subcount(Settings) ?>
<section class="panel" id="settings">
<h2>设置</h2>
<p class="hint">新值从所填日期起生效；以前的值保留在历史中，不会被覆盖。今天是 <?cs var:Today ?>。</p>
<table class="list">
<thead><tr><th scope="col">设置项</th><th scope="col">类型</th><th scope="col">今天的值</th><th scope="col">历史（最新在前）</th></tr></thead>
<tbody>
<?cs each:st = Settings ?><tr id="setting-<?cs var:st.code ?>">
  <td><?cs var:st.label ?></td><td><?cs var:st.type ?></td>
  <td class="current"><?cs var:st.current ?> <?cs var:st.unit ?></td>
  <td><ul class="history"><?cs each:h = st.History ?><li>自 <?cs var:h.valid_from ?> 起 <?cs var:h.shown ?> <?cs var:st.unit ?><?cs if:h.state == "current" ?>（现行）<?cs elif:h.state == "future" ?>（待生效）<?cs /if ?><?cs if:h.note ?>，依据：<?cs var:h.note ?><?cs /if ?>；<?cs var:h.username ?> 录入于 <?cs var:datetime(h.created_at) ?></li><?cs /each ?>
  <?cs if:!subcount(st.History) ?><li>未修改过（使用默认值）</li><?cs /if ?></ul></td>
</tr><?cs /each ?>
</tbody>
</table>
<h3>录入新值</h3>
<form method="post" action="/admin/settings/<?cs var:Module.name ?>/value" class="narrow">
  <?cs call:csrf() ?>
  <div class="field<?cs if:Errors.code ?> has-error<?cs /if ?>"><label for="f-code">设置项 <abbr title="必填">*</abbr></label>
    <select id="f-code" name="code" required><option value="">请选择</option>
    <?cs each:st = Settings ?><option value="<?cs var:st.code ?>"<?cs if:st.code == Form.code ?> selected<?cs /if ?>><?cs var:st.label ?>（<?cs var:st.type ?>）</option><?cs /each ?>
    </select><?cs call:field_error(Errors.code) ?></div>
  <div class="field<?cs if:Errors.value ?> has-error<?cs /if ?>"><label for="f-value">新值 <abbr title="必填">*</abbr></label>
    <input type="text" id="f-value" name="value" value="<?cs var:Form.value ?>" maxlength="500" required>
    <span class="hint">金额填元（如 1651.00），比例填百分数（如 70 表示 70%），天数填整数。</span>
    <?cs call:field_error(Errors.value) ?></div>
  <div class="field<?cs if:Errors.valid_from ?> has-error<?cs /if ?>"><label for="f-from">生效日期 <abbr title="必填">*</abbr></label>
    <input type="date" id="f-from" name="valid_from" value="<?cs var:Form.valid_from ?>" required><?cs call:field_error(Errors.valid_from) ?></div>
  <div class="field"><label for="f-note">依据（文件文号）</label>
    <input type="text" id="f-note" name="note" value="<?cs var:Form.note ?>" maxlength="200"></div>
  <button type="submit">保存</button>
</form>
</section>
<?cs /if ?>
<?cs each:l = Lookups ?>
<section class="panel" id="lookup-<?cs var:l.kind ?>">
<h2>目录：<?cs var:l.title ?></h2>
<table class="list">
<thead><tr><th scope="col">编码</th><?cs each:c = l.Cols ?><th scope="col"><?cs var:c.label ?></th><?cs /each ?><th scope="col">生效日期</th><th scope="col">停用日期</th><th scope="col">操作</th></tr></thead>
<tbody>
<?cs each:e = l.Entries ?><tr<?cs if:e.retired == "1" ?> class="retired"<?cs /if ?>>
  <td><?cs var:e.code ?></td><?cs each:v = e.Cells ?><td><?cs var:v ?></td><?cs /each ?>
  <td><?cs var:e.valid_from ?><?cs if:e.waiting == "1" ?>（待生效）<?cs /if ?></td><td><?cs var:e.valid_to ?><?cs if:e.retired == "1" ?>（已停用）<?cs /if ?></td>
  <td><?cs if:!e.valid_to ?><form method="post" action="/admin/settings/<?cs var:Module.name ?>/lookup/<?cs var:e.id ?>/retire" class="inline"><?cs call:csrf() ?><label>停用日期 <input type="date" name="valid_to" required></label><button type="submit">停用</button></form><?cs /if ?></td>
</tr><?cs /each ?>
<?cs if:!subcount(l.Entries) ?><tr><td colspan="9">尚无条目。</td></tr><?cs /if ?>
</tbody>
</table>
<h3>添加条目</h3>
<form method="post" action="/admin/settings/<?cs var:Module.name ?>/lookup" class="narrow">
  <?cs call:csrf() ?><input type="hidden" name="kind" value="<?cs var:l.kind ?>">
  <?cs set:mine = Form.kind == l.kind ?>
  <div class="field<?cs if:mine && Errors.code ?> has-error<?cs /if ?>"><label>编码 <abbr title="必填">*</abbr>
    <input type="text" name="code" value="<?cs if:mine ?><?cs var:Form.code ?><?cs /if ?>" maxlength="32" required></label><?cs if:mine ?><?cs call:field_error(Errors.code) ?><?cs /if ?></div>
  <?cs each:c = l.Cols ?><div class="field<?cs if:mine && name(c) == "0" && Errors.c1 ?> has-error<?cs /if ?>"><label><?cs var:c.label ?><?cs if:name(c) == "0" ?> <abbr title="必填">*</abbr><?cs /if ?>
    <input type="text" name="<?cs var:c.field ?>" value="<?cs if:mine ?><?cs var:Form[c.field] ?><?cs /if ?>" maxlength="200"></label><?cs if:mine && name(c) == "0" ?><?cs call:field_error(Errors.c1) ?><?cs /if ?></div><?cs /each ?>
  <div class="field"><label>生效日期 <abbr title="必填">*</abbr> <input type="date" name="valid_from" value="<?cs if:mine ?><?cs var:Form.valid_from ?><?cs else ?><?cs var:Today ?><?cs /if ?>" required></label></div>
  <button type="submit">添加</button>
</form>
</section>
<?cs /each ?>
<section class="panel" id="grants">
<h2>授予本模块的工作权限</h2>
<p class="hint">只能授予本模块的工作权限，对象限于您辖区内的其他用户；管理员权限由系统管理员和安全管理员管理。</p>
<form method="post" action="/admin/settings/<?cs var:Module.name ?>/grant" class="narrow">
  <?cs call:csrf() ?>
  <div class="field"><label for="f-user">用户名 <abbr title="必填">*</abbr></label><input type="text" id="f-user" name="username" maxlength="64" required></div>
  <div class="field"><label for="f-perm">权限 <abbr title="必填">*</abbr></label><select id="f-perm" name="perm" required>
  <?cs each:p = Perms ?><option value="<?cs var:p.name ?>"><?cs var:p.title ?>（<?cs var:p.name ?>）</option><?cs /each ?></select></div>
  <button type="submit">授予</button>
</form>
<table class="list">
<thead><tr><th scope="col">用户名</th><th scope="col">姓名</th><th scope="col">权限</th><th scope="col">授予时间</th><th scope="col">操作</th></tr></thead>
<tbody>
<?cs each:g = Grants ?><tr><td><?cs var:g.username ?></td><td><?cs var:g.display_name ?></td><td><?cs var:g.perm ?></td><td><?cs var:datetime(g.granted_at) ?></td>
<td><form method="post" action="/admin/settings/<?cs var:Module.name ?>/revoke" class="inline"><?cs call:csrf() ?><input type="hidden" name="user" value="<?cs var:g.user_id ?>"><input type="hidden" name="perm" value="<?cs var:g.perm ?>"><button type="submit">收回</button></form></td></tr><?cs /each ?>
<?cs if:!subcount(Grants) ?><tr><td colspan="5">尚未授予。</td></tr><?cs /if ?>
</tbody>
</table>
</section>
