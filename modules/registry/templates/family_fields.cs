<?cs # the family form's fields (adding on the file page, correcting); values as typed, errors beside them ?>
<?cs call:text_field("relation", "关系（如 父亲、母亲、祖母）", Form.relation, Errors.relation, 1) ?>
<?cs call:text_field("name", "姓名", Form.name, Errors.name, 1) ?>
<div class="field<?cs if:Errors.id_number ?> has-error<?cs /if ?>"><label for="f-id_number">身份证号（可不填）</label><input type="text" id="f-id_number" name="id_number" value="<?cs var:Form.id_number ?>" maxlength="18" autocomplete="off"><?cs call:field_error(Errors.id_number) ?></div>
<?cs if:Form.situation ?><?cs set:situation = Form.situation ?><?cs else ?><?cs set:situation = "normal" ?><?cs /if ?>
<?cs call:select_field("situation", "情况", situation, Errors.situation, 1, Opts.situation, "请选择") ?>
<div class="field"><label><input type="checkbox" name="is_guardian" value="1"<?cs if:Form.is_guardian == "1" ?> checked<?cs /if ?>> 是监护人</label></div>
<?cs call:text_field("phone", "电话", Form.phone, Errors.phone, 0) ?>
<?cs call:text_field("note", "备注", Form.note, Errors.note, 0) ?>
