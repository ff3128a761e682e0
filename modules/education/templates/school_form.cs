<?cs # the school's fields, shared by the new and edit forms ?>
<?cs def:school_fields(f) ?>
  <?cs call:csrf() ?>
  <?cs call:text_field("code", "学校标识码（10 位）", f.code, Errors.code, 1) ?>
  <?cs call:text_field("name", "学校名称", f.name, Errors.name, 1) ?>
  <div class="field"><label for="f-level">学段</label>
    <select id="f-level" name="level"><?cs each:l = Levels ?><option value="<?cs var:l.code ?>"<?cs if:l.code == f.level ?> selected<?cs /if ?>><?cs var:l.title ?></option><?cs /each ?></select><?cs call:field_error(Errors.level) ?></div>
  <div class="field"><label for="f-township">所在乡镇（街道）</label>
    <select id="f-township" name="township"><?cs each:t = Townships ?><option value="<?cs var:t.code ?>"<?cs if:t.code == f.township || t.code == f.township_code ?> selected<?cs /if ?>><?cs var:t.name ?></option><?cs /each ?></select><?cs call:field_error(Errors.township) ?></div>
  <div class="field"><label><input type="checkbox" name="boarding" value="1"<?cs if:f.boarding == "1" ?> checked<?cs /if ?>> 寄宿制学校</label></div>
<?cs /def ?>
