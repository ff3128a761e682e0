<?cs include:"wf_macros.cs" ?>
<h1>待办事项</h1>
<?cs if:subcount(Tasks) ?>
<table class="list urgent" id="urgent-tasks">
  <caption>紧急任务（<?cs var:TaskCount ?> 件，按小时计时，时间为北京时间，超时未办结的自动升级到上一级）</caption>
  <thead><tr><th scope="col">编号</th><th scope="col">任务</th><th scope="col">儿童</th><th scope="col">办理层级</th><th scope="col">截止时间</th><th scope="col">剩余时间</th></tr></thead>
  <tbody>
  <?cs each:t = Tasks ?><tr class="urgent<?cs if:t.overdue == "1" ?> overdue<?cs /if ?>" id="task-<?cs var:t.id ?>">
    <td><span class="urgent-mark" title="紧急">急</span> #<?cs var:t.id ?></td>
    <td><?cs if:t.link ?><a href="<?cs var:t.link ?>"><?cs var:t.title ?></a><?cs else ?><?cs var:t.title ?><?cs /if ?><?cs if:t.escalations > 0 ?> <strong class="overdue-mark">已升级 <?cs var:t.escalations ?> 次</strong><?cs /if ?></td>
    <td><?cs var:t.child_name ?></td>
    <td><?cs var:t.level_title ?></td>
    <td><?cs var:datetime(t.due_at) ?></td>
    <td class="left"><?cs if:t.overdue == "1" ?><strong class="overdue-mark"><?cs var:t.left ?></strong><?cs else ?><?cs var:t.left ?><?cs /if ?></td>
  </tr><?cs /each ?>
  </tbody>
</table>
<?cs /if ?>
<?cs if:CanSupervise == "1" ?><p><a href="/inbox/escalated">查看超时升级的紧急任务（督办）</a></p><?cs /if ?>
<p class="hint">您辖区内、由您所在层级办理、且您有权限办理的申请（今天：<?cs var:Today ?>）。公示期满无异议的申请会自动进入下一环节。</p>
<?cs call:wf_inbox_paged("/inbox", 1) ?>
