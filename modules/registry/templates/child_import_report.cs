<?cs # Ledger import (.xlsx, .xls, CSV): the check report, and the commit form when clean. ?>
<h1>导入台账 - 检查结果</h1>
<?cs if:Import.Error ?><p class="form-error" role="alert"><?cs var:Import.Error ?></p><?cs /if ?>
<?cs if:Import.File ?><p>文件：<?cs var:Import.File ?></p><?cs /if ?>
<?cs if:Import.Total ?>
<p>共 <?cs var:Import.Total ?> 行数据，<?cs var:Import.Good ?> 行通过检查，<?cs var:Import.BadRows ?> 行有错误。<?cs if:Import.Mode == "dry" ?>（仅检查，未导入任何记录。）<?cs /if ?></p>
<?cs /if ?>
<?cs if:subcount(Import.Errors) ?>
<table class="list">
  <caption>有问题的行（行号为 Excel 中的行号；CSV 文件为文本中的行号）</caption>
  <thead><tr><th scope="col">行号</th><th scope="col">列</th><th scope="col">问题</th></tr></thead>
  <tbody>
  <?cs each:e = Import.Errors ?>
    <tr><td><?cs var:e.line ?></td><td><?cs var:e.field ?></td><td><?cs var:e.reason ?></td></tr>
  <?cs /each ?>
  </tbody>
</table>
<p>请在原文件中改正以上各行后重新检查。</p>
<?cs elif:!Import.Error && Import.Mode == "dry" ?>
<section class="panel">
  <h2>全部通过，可以导入</h2>
  <p>为安全起见，系统不保存您刚才上传的文件。请<strong>再次选择同一个文件</strong>，然后点“确认导入”：系统会重新检查一遍，没有错误时一次导入全部 <?cs var:Import.Good ?> 名儿童（加密保存身份证号，建立类别记录和建档记录）；只要有一行出错，就不导入任何记录。</p>
  <form method="post" action="/children/import" enctype="multipart/form-data">
    <?cs call:csrf() ?>
    <input type="hidden" name="mode" value="commit">
    <div class="field">
      <label for="f-file">同一台账文件 <abbr title="必填">*</abbr></label>
      <input type="file" id="f-file" name="file" accept=".xlsx,.xls,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv" required>
    </div>
    <button type="submit">确认导入</button>
  </form>
</section>
<?cs /if ?>
<h2>重新检查</h2>
<form method="post" action="/children/import" enctype="multipart/form-data" class="panel">
  <?cs call:csrf() ?>
  <input type="hidden" name="mode" value="dry">
  <div class="field">
    <label for="f-file2">台账文件（Excel 或 CSV）</label>
    <input type="file" id="f-file2" name="file" accept=".xlsx,.xls,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv" required>
  </div>
  <button type="submit">检查文件（不导入）</button>
</form>
<?cs include:"child_import_help.cs" ?>
