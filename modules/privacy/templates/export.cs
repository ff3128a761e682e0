<h1>导出申请 #<?cs var:Export.id ?>：<?cs var:Export.title ?></h1>
<section class="panel" id="export">
<dl class="facts">
  <dt>状态</dt><dd id="export-status"><?cs var:label("privacy.status", Export.status) ?></dd>
  <dt>导出人</dt><dd><?cs var:Export.user_name ?>（<?cs var:Export.username ?>）</dd>
  <dt>时间</dt><dd><?cs var:datetime(Export.created_at) ?></dd>
  <dt>用途</dt><dd><?cs var:Export.purpose_title ?><?cs if:Export.recipient ?>：<?cs var:Export.recipient ?><?cs /if ?><?cs if:Export.purpose_note ?>（<?cs var:Export.purpose_note ?>）<?cs /if ?></dd>
  <dt>条件</dt><dd><code><?cs var:Export.path ?><?cs if:Export.filter ?>?<?cs var:Export.filter ?><?cs /if ?></code></dd>
  <dt>行数</dt><dd><?cs var:Export.row_count ?></dd>
  <?cs if:Export.rows_written != "" ?><dt>实际写出</dt><dd id="export-written"><?cs var:Export.rows_written ?> 行<?cs if:Export.status == "failed" ?>（导出中途失败，文件不完整，请勿使用）<?cs /if ?></dd><?cs /if ?>
  <dt>完整身份证号</dt><dd><?cs if:Export.full_id == "1" ?>是<?cs else ?>否<?cs /if ?></dd>
  <?cs if:Export.decided_by ?><dt>审批人</dt><dd id="export-approver"><?cs var:Export.decided_by ?>，<?cs var:datetime(Export.decided_at) ?><?cs if:Export.decision_note ?>：<?cs var:Export.decision_note ?><?cs /if ?></dd><?cs /if ?>
  <?cs if:Export.status == "approved" ?><dt>下载时限</dt><dd><?cs var:datetime(Export.download_until) ?> 前，只能下载一次</dd><?cs /if ?>
  <?cs if:Export.downloaded_at ?><dt>下载时间</dt><dd><?cs var:datetime(Export.downloaded_at) ?></dd><?cs /if ?>
</dl>
<?cs if:Download ?><p><a class="button" id="export-download" href="<?cs var:Download ?>">下载（只能下载一次）</a></p><?cs /if ?>
<?cs if:Export.status == "pending" && CanDecide == "1" && Export.user_id != Me ?>
<form method="post" action="/privacy/exports/<?cs var:Export.id ?>/approve" class="inline" id="export-approve"><?cs call:csrf() ?>
  <label for="f-note">审批意见</label><input type="text" id="f-note" name="note" maxlength="200">
  <button type="submit">批准</button></form>
<form method="post" action="/privacy/exports/<?cs var:Export.id ?>/reject" class="inline" id="export-reject"><?cs call:csrf() ?>
  <label for="f-rnote">不批准理由</label><input type="text" id="f-rnote" name="note" maxlength="200" required>
  <button type="submit">不批准</button></form>
<?cs /if ?>
</section>
