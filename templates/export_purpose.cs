<?cs # the host's form for an export of personal data (disclose.c): the
   purpose, then the same request again with the export's own fields ?>
<h1>导出：<?cs var:Export.Title ?></h1>
<section class="panel" id="export-purpose">
  <p>本次导出共 <strong><?cs var:Export.Rows ?></strong> 行<?cs if:Export.FullId == "1" ?>，<strong>含完整身份证号</strong><?cs /if ?>。儿童个人信息属于敏感个人信息，导出须写明用途；用途、导出人、时间、条件和行数记入导出登记簿和审计日志。</p>
  <?cs if:Export.NeedApproval == "1" ?><p class="warning">含完整身份证号且超过限额的导出须经县级另一名工作人员审批：提交后生成导出申请，审批通过后由您本人在时限内下载一次。</p><?cs /if ?>
  <form method="<?cs var:Export.Method ?>" action="<?cs var:Export.Action ?>" class="narrow">
    <?cs if:Export.Method == "post" ?><?cs call:csrf() ?><?cs /if ?>
    <?cs each:f = Export.Fields ?><input type="hidden" name="<?cs var:f.name ?>" value="<?cs var:f.value ?>"><?cs /each ?>
    <div class="field<?cs if:Errors.purpose ?> has-error<?cs /if ?>"><label for="f-purpose">导出用途 <abbr title="必填">*</abbr></label>
      <select id="f-purpose" name="purpose" required><option value="">请选择</option>
      <?cs each:p = Export.Purposes ?><option value="<?cs var:p.code ?>"<?cs if:p.code == Export.Purpose ?> selected<?cs /if ?>><?cs var:p.title ?></option><?cs /each ?>
      </select><?cs call:field_error(Errors.purpose) ?></div>
    <div class="field<?cs if:Errors.recipient ?> has-error<?cs /if ?>"><label for="f-recipient">接收单位（上级报送、部门协查必填）</label>
      <input type="text" id="f-recipient" name="recipient" maxlength="100" value="<?cs var:Export.Recipient ?>"><?cs call:field_error(Errors.recipient) ?></div>
    <div class="field<?cs if:Errors.purpose_note ?> has-error<?cs /if ?>"><label for="f-note">用途说明（选“其他”时必填）</label>
      <input type="text" id="f-note" name="purpose_note" maxlength="200" value="<?cs var:Export.Note ?>"><?cs call:field_error(Errors.purpose_note) ?></div>
    <button type="submit"><?cs if:Export.NeedApproval == "1" ?>提交导出申请<?cs else ?>导出<?cs /if ?></button>
  </form>
</section>
