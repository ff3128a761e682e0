<h1>导出申请已提交</h1>
<section class="panel" id="export-requested">
  <p>导出申请 <strong>#<?cs var:Export.Id ?></strong>（<?cs var:Export.Title ?>，<?cs var:Export.Rows ?> 行，含完整身份证号）已提交，等待县级另一名工作人员审批。审批通过后，请在“导出登记簿”中本申请的页面下载；只能下载一次。</p>
  <p><a href="/privacy/exports/<?cs var:Export.Id ?>">查看导出申请</a></p>
</section>
