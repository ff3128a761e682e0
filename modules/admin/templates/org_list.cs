<h1>单位管理</h1>
<p><a href="/admin/divisions">区划管理</a></p>
<section class="panel">
<h2>添加单位</h2>
<form method="post" action="/admin/orgs" class="narrow">
  <?cs call:csrf() ?>
  <div class="field<?cs if:Errors.code ?> has-error<?cs /if ?>"><label for="f-code">单位代码 <abbr title="必填">*</abbr></label>
    <input type="text" id="f-code" name="code" value="<?cs var:Form.code ?>" maxlength="32" required>
    <span class="hint">2–32 个字符：小写字母、数字、下划线，如 <code>jyj</code>（教育局）。</span>
    <?cs call:field_error(Errors.code) ?></div>
  <div class="field<?cs if:Errors.name ?> has-error<?cs /if ?>"><label for="f-name">单位名称 <abbr title="必填">*</abbr></label>
    <input type="text" id="f-name" name="name" value="<?cs var:Form.name ?>" maxlength="128" required>
    <?cs call:field_error(Errors.name) ?></div>
  <div class="field<?cs if:Errors.kind ?> has-error<?cs /if ?>"><label for="f-kind">单位类别 <abbr title="必填">*</abbr></label>
    <select id="f-kind" name="kind" required>
      <option value="">请选择</option>
      <?cs each:k = OrgKinds ?><option value="<?cs var:k.code ?>"<?cs if:Form.kind == k.code ?> selected<?cs /if ?>><?cs var:k.title ?></option><?cs /each ?>
    </select>
    <span class="hint">学校、医院诊所、康复服务机构、儿童福利和未成年人保护机构、派出所、社会组织的用户只能看到与本单位关联的儿童（在读、转介或报告）；政府和县级部门的用户按所在区划查看。</span>
    <?cs call:field_error(Errors.kind) ?></div>
  <div class="field<?cs if:Errors.division ?> has-error<?cs /if ?>"><label for="f-division">所在区划 <abbr title="必填">*</abbr></label>
    <select id="f-division" name="division" required>
      <option value="">请选择</option>
      <?cs each:d = Divisions ?><option value="<?cs var:d.code ?>"<?cs if:d.code == Form.division ?> selected<?cs /if ?>><?cs if:d.level == "township" ?>　<?cs elif:d.level == "village" ?>　　<?cs /if ?><?cs var:d.name ?>（<?cs var:d.code ?>）</option><?cs /each ?>
    </select>
    <?cs call:field_error(Errors.division) ?></div>
  <button type="submit">添加</button>
</form>
</section>
<table class="list">
<caption>单位</caption>
<thead><tr><th>代码</th><th>名称</th><th>类别</th><th>查看范围</th><th>所在区划</th><th>在用账户</th><th>状态</th></tr></thead>
<tbody>
<?cs each:o = OrgList ?>
<tr>
  <td><?cs var:o.code ?></td>
  <td><?cs var:o.name ?></td>
  <td><?cs var:o.kind_title ?></td>
  <td><?cs if:o.scope == "org" ?>本单位关联的儿童<?cs else ?>所在区划<?cs /if ?></td>
  <td><?cs var:o.division_name ?>（<?cs var:o.division ?>）</td>
  <td><?cs var:o.users ?></td>
  <td><?cs if:o.active == "1" ?>有效<?cs else ?>已撤销<?cs /if ?></td>
</tr>
<?cs /each ?>
</tbody>
</table>
