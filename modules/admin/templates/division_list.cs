<h1>区划管理</h1>
<p><a href="/admin/orgs">单位管理</a></p>
<section class="panel">
<h2>添加村（社区）</h2>
<form method="post" action="/admin/divisions" class="narrow">
  <?cs call:csrf() ?>
  <div class="field<?cs if:Errors.township ?> has-error<?cs /if ?>"><label for="f-township">所属乡镇（街道） <abbr title="必填">*</abbr></label>
    <select id="f-township" name="township" required>
      <option value="">请选择</option>
      <?cs each:t = Towns ?><?cs if:t.ended != "1" ?><option value="<?cs var:t.code ?>"<?cs if:t.code == Form.township ?> selected<?cs /if ?>><?cs var:t.name ?>（<?cs var:t.code ?>）</option><?cs /if ?><?cs /each ?>
    </select>
    <?cs call:field_error(Errors.township) ?></div>
  <div class="field<?cs if:Errors.code ?> has-error<?cs /if ?>"><label for="f-code">区划代码 <abbr title="必填">*</abbr></label>
    <input type="text" id="f-code" name="code" value="<?cs var:Form.code ?>" maxlength="12" inputmode="numeric" required>
    <span class="hint">统计用区划代码，12 位；前 9 位与所属乡镇（街道）相同。</span>
    <?cs call:field_error(Errors.code) ?></div>
  <div class="field<?cs if:Errors.name ?> has-error<?cs /if ?>"><label for="f-name">名称 <abbr title="必填">*</abbr></label>
    <input type="text" id="f-name" name="name" value="<?cs var:Form.name ?>" maxlength="64" required>
    <?cs call:field_error(Errors.name) ?></div>
  <div class="field<?cs if:Errors.type ?> has-error<?cs /if ?>"><label for="f-type">类型 <abbr title="必填">*</abbr></label>
    <select id="f-type" name="type">
      <option value="村"<?cs if:Form.type == "村" ?> selected<?cs /if ?>>村</option>
      <option value="社区"<?cs if:Form.type == "社区" ?> selected<?cs /if ?>>社区</option>
    </select>
    <?cs call:field_error(Errors.type) ?></div>
  <div class="field<?cs if:Errors.valid_from ?> has-error<?cs /if ?>"><label for="f-valid_from">生效日期 <abbr title="必填">*</abbr></label>
    <input type="date" id="f-valid_from" name="valid_from" value="<?cs var:Form.valid_from ?>" required>
    <?cs call:field_error(Errors.valid_from) ?></div>
  <button type="submit">添加</button>
</form>
</section>
<p class="hint">区划不删除：撤并的区划设置终止日期，历史记录仍指向原代码。标“示例”的是演示数据。</p>
<?cs each:t = Towns ?>
<table class="list">
<caption><?cs var:t.name ?>（<?cs var:t.code ?>）<?cs if:t.valid_from ?> 自 <?cs var:t.valid_from ?><?cs /if ?><?cs if:t.valid_to ?> 至 <?cs var:t.valid_to ?><?cs /if ?></caption>
<thead><tr><th>代码</th><th>名称</th><th>类型</th><th>生效</th><th>终止</th><th>终止有效期</th></tr></thead>
<tbody>
<?cs each:v = t.Villages ?>
<tr>
  <td><?cs var:v.code ?></td>
  <td><?cs var:v.name ?><?cs if:v.synthetic == "1" ?>（示例）<?cs /if ?></td>
  <td><?cs var:v.type ?></td>
  <td><?cs var:v.valid_from ?></td>
  <td><?cs var:v.valid_to ?></td>
  <td><?cs if:!v.valid_to ?><form method="post" action="/admin/divisions/<?cs var:v.code ?>/end" class="inline"><?cs call:csrf() ?><input type="date" name="valid_to" required aria-label="终止日期"> <button type="submit">设置</button></form><?cs /if ?></td>
</tr>
<?cs /each ?>
<?cs if:!subcount(t.Villages) ?><tr><td colspan="6">尚未添加村（社区）。</td></tr><?cs /if ?>
</tbody>
</table>
<?cs /each ?>
