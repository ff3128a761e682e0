<h1>通知</h1>
<p class="hint">共 <?cs var:NoticeCount ?> 条，未读 <span id="notices-unread"><?cs var:UnreadCount ?></span> 条。发给您所在单位的通知，每位同事各自标记已读。</p>
<?cs if:UnreadCount > 0 ?><form method="post" action="/notices/read-all" class="inline"><?cs call:csrf() ?><button type="submit">全部标为已读</button></form><?cs /if ?>
<table class="list" id="notices">
  <thead><tr><th scope="col">时间</th><th scope="col">通知</th><th scope="col">状态</th><th scope="col">操作</th></tr></thead>
  <tbody>
  <?cs each:n = Notices ?><tr class="<?cs if:n.unread == "1" ?>unread<?cs else ?>read<?cs /if ?>" id="notice-<?cs var:n.id ?>">
    <td><?cs var:datetime(n.created_at) ?></td>
    <td><strong><?cs var:n.title ?></strong><?cs if:n.to_org == "1" ?>（发给本单位）<?cs elif:n.to_office == "1" ?>（发给本辖区办公室）<?cs /if ?><?cs if:n.body ?><br><?cs var:n.body ?><?cs /if ?></td>
    <td><?cs if:n.done_at ?>本单位已处理<?cs elif:n.unread == "1" ?><strong class="overdue-mark">未读</strong><?cs else ?>已读<?cs /if ?></td>
    <td><?cs if:n.link ?><form method="post" action="/notices/<?cs var:n.id ?>/read" class="inline"><?cs call:csrf() ?><input type="hidden" name="go" value="1"><button type="submit" class="link">查看</button></form><?cs /if ?>
      <?cs if:n.unread == "1" ?><form method="post" action="/notices/<?cs var:n.id ?>/read" class="inline"><?cs call:csrf() ?><button type="submit" class="link">标为已读</button></form><?cs /if ?></td>
  </tr><?cs /each ?>
  <?cs if:!subcount(Notices) ?><tr><td colspan="4">没有通知。</td></tr><?cs /if ?>
  </tbody>
</table>
