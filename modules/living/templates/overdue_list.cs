<h1>逾期未办结的申请</h1>
<p class="hint">您辖区内本环节办理期限或整个申请的办结时限（如低保、特困 30 日）已过（今天：<?cs var:Today ?>）仍未办结的基本生活保障申请，共 <?cs var:OverdueCount ?> 件。</p>
<table class="list" id="overdue">
  <thead><tr><th scope="col">编号</th><th scope="col">申请事项</th><th scope="col">儿童</th><th scope="col">乡镇（街道）</th><th scope="col">村（社区）</th><th scope="col">当前环节</th><th scope="col">环节期限</th><th scope="col">办结时限</th><th scope="col">逾期</th></tr></thead>
  <tbody>
  <?cs each:o = Overdue ?><tr class="overdue">
    <td><a href="/living/applications/<?cs var:o.id ?>">#<?cs var:o.id ?></a></td><td><?cs var:o.type_title ?></td><td><?cs var:o.child_name ?></td>
    <td><?cs var:o.township ?></td><td><?cs var:o.village ?></td><td><?cs var:o.step_title ?></td><td><?cs var:o.step_due ?></td><td data-total-over="<?cs var:o.total_over ?>"><?cs var:o.total_due ?><?cs if:o.total_over == "1" ?>（已超）<?cs /if ?></td><td><strong class="overdue-mark"><?cs var:o.days_over ?> 天</strong></td>
  </tr><?cs /each ?>
  <?cs if:!subcount(Overdue) ?><tr><td colspan="9">没有逾期的申请。</td></tr><?cs /if ?>
  </tbody>
</table>
