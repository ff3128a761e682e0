<?cs # Ledger import (.xlsx, .xls, CSV): the upload form and the column documentation. ?>
<h1>导入台账</h1>
<?cs include:"child_import_help.cs" ?>
<form method="post" action="/children/import" enctype="multipart/form-data" class="panel">
  <?cs call:csrf() ?>
  <input type="hidden" name="mode" value="dry">
  <div class="field">
    <label for="f-file">台账文件（Excel 或 CSV） <abbr title="必填">*</abbr></label>
    <input type="file" id="f-file" name="file" accept=".xlsx,.xls,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv" required>
  </div>
  <button type="submit">检查文件（不导入）</button>
</form>
