<h1>审计日志完整性</h1>
<?cs if:Verify.Intact ?>
<p class="flash" role="status">审计日志完整：已逐条核验 <?cs var:Verify.Checked ?> 条记录的哈希链，未发现改动或删除。</p>
<?cs else ?>
<p class="form-error" role="alert">审计日志已被篡改：第 <?cs var:Verify.BrokenAt ?> 条记录处哈希链断裂（此前 <?cs var:Verify.Checked ?> 条完好）。请立即报告安全管理员和上级主管部门。</p>
<?cs /if ?>
<p><a href="/admin/audit">返回审计日志</a></p>
