<?cs include:"wf_macros.cs" ?>
<h1>待办事项</h1>
<p class="hint">您辖区内、由您所在层级办理、且您有权限办理的申请（今天：<?cs var:Today ?>）。公示期满无异议的申请会自动进入下一环节。</p>
<?cs call:wf_inbox_table(Inbox, 1) ?>
