<?cs # The public application form of an organisation (no account needed). ?>
<h1>社会组织申请参与困境儿童关爱服务</h1>
<p class="summary">社会组织、慈善组织、社工机构、企业和志愿服务队可在此提交合作申请。县民政局审核通过后，将与您联系并为您开通账号。</p>
<form method="post" action="/volunteer/apply" class="panel">
  <?cs call:csrf() ?>
  <div class="field"><label for="f-name">组织名称</label><input type="text" id="f-name" name="name" maxlength="128" required></div>
  <div class="field"><label for="f-reg">统一社会信用代码</label><input type="text" id="f-reg" name="reg_no" maxlength="18" minlength="18" pattern="[0-9A-Z]{18}" required><span class="hint">18 位，见登记证书。</span></div>
  <div class="field"><label for="f-cn">联系人</label><input type="text" id="f-cn" name="contact_name" maxlength="64" required></div>
  <div class="field"><label for="f-cp">联系电话</label><input type="text" id="f-cp" name="contact_phone" maxlength="32" pattern="[0-9\-]+" required></div>
  <fieldset class="field"><legend>服务区域（乡镇、街道）</legend>
    <?cs each:t = Townships ?><label class="check"><input type="checkbox" name="area" value="<?cs var:t.code ?>" data-area="<?cs var:t.code ?>"> <?cs var:t.name ?></label> <?cs /each ?>
    <span class="hint">可多选。</span>
  </fieldset>
  <div class="field"><label for="f-types">服务类型</label><input type="text" id="f-types" name="service_types" maxlength="200" placeholder="<?cs each:t = Types ?><?cs var:t.title ?> <?cs /each ?>"></div>
  <button type="submit">提交申请</button>
</form>
