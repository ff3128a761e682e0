<?cs # Notices to the user's office: children transferred in, duplicates to check. ?>
<h1>档案通知</h1>
<p class="summary">本单位待处理的通知 <span id="notice-count"><?cs var:NoticeCount ?></span> 条：县级调整儿童所属村（社区）后转入本辖区的档案，以及新建档案时发现的可能重复、需要县级核查的档案。</p>
<?cs if:NoticeCount == 0 ?><p>暂无待处理的通知。</p><?cs else ?>
<table class="list" id="notices">
  <thead><tr><th scope="col">时间</th><th scope="col">类型</th><th scope="col">内容</th><th scope="col">档案</th><th scope="col">提交人</th><?cs if:CanHandle ?><th scope="col">处理</th><?cs /if ?></tr></thead>
  <tbody><?cs each:x = Notices ?><tr data-notice="<?cs var:x.id ?>" data-kind="<?cs var:x.kind ?>">
    <td><?cs var:datetime(x.at) ?></td>
    <td><?cs if:x.kind == "transfer_in" ?>转入<?cs else ?>重复核查<?cs /if ?></td>
    <td><?cs var:x.summary ?></td>
    <td><?cs if:x.child_id ?><a href="/children/<?cs var:x.child_id ?>">档案 <?cs var:x.child_id ?></a><?cs /if ?></td>
    <td><?cs var:x.by_name ?></td>
    <?cs if:CanHandle ?><td><form method="post" action="/children/notices/<?cs var:x.id ?>/done"><?cs call:csrf() ?><button type="submit">已处理</button></form></td><?cs /if ?>
  </tr><?cs /each ?></tbody>
</table>
<?cs /if ?>
