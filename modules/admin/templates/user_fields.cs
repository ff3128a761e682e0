<?cs # Organisation, jurisdiction, roles and two-factor fields shared by the new-user and edit forms.
  Expects V (the values: org, division, totp_required) and Errors. ?>
<div class="field<?cs if:Errors.org ?> has-error<?cs /if ?>"><label for="f-org">单位</label>
  <select id="f-org" name="org">
    <option value="">（无）</option>
    <?cs each:o = Orgs ?><option value="<?cs var:o.id ?>"<?cs if:string.length(V.org) && o.id == V.org ?> selected<?cs /if ?>><?cs var:o.name ?>（<?cs var:o.kind_title ?>）</option><?cs /each ?>
  </select>
  <span class="hint">学校、医院诊所、康复、福利保护机构、派出所、社会组织的用户只能看到与本单位关联的儿童，不按辖区查看（角色选“机构工作人员”）。</span>
  <?cs call:field_error(Errors.org) ?></div>
<div class="field<?cs if:Errors.division ?> has-error<?cs /if ?>"><label for="f-division">辖区 <abbr title="必填">*</abbr></label>
  <select id="f-division" name="division" required>
    <option value="">请选择</option>
    <?cs each:d = Divisions ?><option value="<?cs var:d.code ?>"<?cs if:d.code == V.division ?> selected<?cs /if ?>><?cs if:d.level == "township" ?>　<?cs elif:d.level == "village" ?>　　<?cs /if ?><?cs var:d.name ?>（<?cs var:d.code ?>）</option><?cs /each ?>
  </select>
  <span class="hint">用户只能看到辖区内的数据：县、乡镇（街道）或村（社区）。</span>
  <?cs call:field_error(Errors.division) ?></div>
<fieldset class="field<?cs if:Errors.role ?> has-error<?cs /if ?>"><legend>角色 <abbr title="必填">*</abbr></legend>
  <?cs each:ro = Roles ?><label class="check"><input type="checkbox" name="role" value="<?cs var:ro.code ?>"<?cs if:ro.checked ?> checked<?cs /if ?><?cs if:Edit.Self ?> disabled<?cs /if ?>> <?cs var:ro.name ?></label>
  <?cs /each ?>
  <?cs if:Edit.Self ?><?cs each:ro = Roles ?><?cs if:ro.checked ?><input type="hidden" name="role" value="<?cs var:ro.code ?>"><?cs /if ?><?cs /each ?><span class="hint">不能修改自己的角色。</span><?cs /if ?>
  <?cs call:field_error(Errors.role) ?></fieldset>
<div class="field"><label class="check"><input type="checkbox" name="totp_required" value="1"<?cs if:V.totp_required == "1" ?> checked<?cs /if ?>> 要求两步验证（系统管理员、安全管理员、审计员始终要求）</label></div>
