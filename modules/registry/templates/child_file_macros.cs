<?cs # Form pieces for the child's file; values are HTML-escaped by default. ?>
<?cs def:select_field(name, label, value, error, required, options, blank) ?>
<div class="field<?cs if:error ?> has-error<?cs /if ?>">
  <label for="f-<?cs var:name ?>"><?cs var:label ?><?cs if:required ?> <abbr title="必填">*</abbr><?cs /if ?></label>
  <select id="f-<?cs var:name ?>" name="<?cs var:name ?>"<?cs if:required ?> required<?cs /if ?>>
    <option value=""><?cs var:blank ?></option>
    <?cs each:o = options ?><option value="<?cs var:o.code ?>"<?cs if:value == o.code ?> selected<?cs /if ?>><?cs var:o.title ?></option><?cs /each ?>
  </select>
  <?cs call:field_error(error) ?>
</div>
<?cs /def ?>
<?cs def:date_field(name, label, value, error, required) ?>
<div class="field<?cs if:error ?> has-error<?cs /if ?>">
  <label for="f-<?cs var:name ?>"><?cs var:label ?><?cs if:required ?> <abbr title="必填">*</abbr><?cs /if ?></label>
  <input type="date" id="f-<?cs var:name ?>" name="<?cs var:name ?>" value="<?cs var:value ?>" placeholder="2015-03-01"<?cs if:required ?> required<?cs /if ?>>
  <?cs call:field_error(error) ?>
</div>
<?cs /def ?>
<?cs def:area_field(name, label, value, error, hint) ?>
<div class="field<?cs if:error ?> has-error<?cs /if ?>">
  <label for="f-<?cs var:name ?>"><?cs var:label ?></label>
  <textarea id="f-<?cs var:name ?>" name="<?cs var:name ?>" rows="4"<?cs if:Limits[name] ?> maxlength="<?cs var:Limits[name] ?>"<?cs /if ?>><?cs var:value ?></textarea>
  <?cs if:hint ?><span class="hint"><?cs var:hint ?></span><?cs /if ?>
  <?cs call:field_error(error) ?>
</div>
<?cs /def ?>
<?cs def:size_label(n) ?><?cs if:n >= 1048576 ?><?cs var:n / 1048576 ?> MB<?cs elif:n >= 1024 ?><?cs var:n / 1024 ?> KB<?cs else ?><?cs var:n ?> 字节<?cs /if ?><?cs /def ?>
<?cs # the kinds of attachment, one list for uploading and correcting ?>
<?cs def:kind_options(value) ?><select id="f-kind" name="kind" required><option value="">请选择</option>
  <option<?cs if:value == "死亡证明" ?> selected<?cs /if ?>>死亡证明</option><option<?cs if:value == "残疾证" ?> selected<?cs /if ?>>残疾证</option><option<?cs if:value == "诊断证明" ?> selected<?cs /if ?>>诊断证明</option><option<?cs if:value == "判决书" ?> selected<?cs /if ?>>判决书</option><option<?cs if:value == "低保证" ?> selected<?cs /if ?>>低保证</option><option<?cs if:value == "户口簿" ?> selected<?cs /if ?>>户口簿</option><option<?cs if:value == "其他" ?> selected<?cs /if ?>>其他</option>
</select><?cs /def ?>
