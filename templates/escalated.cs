<h1>超时督办</h1>
<p class="hint">紧急任务超过办理时限后自动升级到上一级；县级时限也已超过的，标记为“县级仍超时”。时间为北京时间。</p>
<table class="list" id="escalated">
  <caption>超时升级记录（<?cs var:ItemCount ?> 条，未解决的排在最前）</caption>
  <thead><tr><th scope="col">任务</th><th scope="col">事项</th><th scope="col">区划</th><th scope="col">升级</th><th scope="col">错过的截止时间</th><th scope="col">升级时间</th><th scope="col">状态</th></tr></thead>
  <tbody>
  <?cs each:i = Items ?><tr<?cs if:i.status == "open" ?> class="overdue"<?cs /if ?> id="sup-<?cs var:i.id ?>">
    <td>#<?cs var:i.task_id ?></td>
    <td><?cs if:i.link ?><a href="<?cs var:i.link ?>"><?cs var:i.title ?></a><?cs else ?><?cs var:i.title ?><?cs /if ?></td>
    <td><?cs var:i.division_name ?></td>
    <td><?cs if:i.from_level == i.to_level ?><?cs var:i.to_title ?>（县级仍超时）<?cs else ?><?cs var:i.from_title ?> → <?cs var:i.to_title ?><?cs /if ?></td>
    <td><?cs var:datetime(i.missed_due) ?></td>
    <td><?cs var:datetime(i.escalated_at) ?></td>
    <td><?cs if:i.status == "open" ?><strong class="overdue-mark">未解决</strong><?cs else ?>已办结 <?cs var:datetime(i.resolved_at) ?><?cs /if ?></td>
  </tr><?cs /each ?>
  <?cs if:!subcount(Items) ?><tr><td colspan="7">没有超时升级的任务。</td></tr><?cs /if ?>
  </tbody>
</table>
