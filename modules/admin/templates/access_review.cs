<?cs # The monthly access review of the security administrator (review.c). ?>
<h1>账户与访问复核</h1>
<p>建议每月复核一次。停用账户后，该用户的所有登录立即退出；停用操作记入审计日志。</p>

<?cs def:accounts(list, id, empty) ?>
<?cs if:subcount(list) > 0 ?>
<table class="list" id="<?cs var:id ?>">
  <thead><tr><th>用户名</th><th>姓名</th><th>单位</th><th>角色</th><th>最近登录</th><th>状态</th><th></th></tr></thead>
  <tbody>
  <?cs each:u = list ?>
  <tr id="<?cs var:id ?>-<?cs var:u.id ?>">
    <td><a href="/admin/users/<?cs var:u.id ?>"><?cs var:u.username ?></a></td>
    <td><?cs var:u.display_name ?></td>
    <td><?cs var:u.org ?></td>
    <td><?cs var:u.roles ?></td>
    <td><?cs if:u.last_login ?><?cs var:datetime(u.last_login) ?><?cs else ?>从未登录（创建于 <?cs var:date(u.created_at) ?>）<?cs /if ?></td>
    <td><?cs if:u.active == 1 ?>启用<?cs else ?>已停用<?cs /if ?></td>
    <td><?cs if:u.active == 1 ?>
      <form method="post" action="/admin/users/<?cs var:u.id ?>/disable" class="inline">
        <?cs call:csrf() ?>
        <input type="hidden" name="back" value="review">
        <button type="submit">停用</button>
      </form><?cs /if ?></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
<?cs else ?>
<p class="empty"><?cs var:empty ?></p>
<?cs /if ?>
<?cs /def ?>

<h2>超过 <?cs var:Review.UnusedDays ?> 天未使用的账户</h2>
<?cs call:accounts(Unused, "unused", "没有长期未使用的账户。") ?>

<h2>持有管理角色的账户</h2>
<?cs call:accounts(Admins, "admins", "没有持有管理角色的账户。") ?>

<h2>所属单位已注销的账户</h2>
<?cs call:accounts(Orphans, "orphans", "没有所属单位已注销而仍启用的账户。") ?>

<h2>近 <?cs var:Review.UnusualDays ?> 天查阅辖区外儿童档案的用户</h2>
<p>列出查阅了非本人所在乡镇儿童档案的用户（县级部门、社会组织等），按涉及儿童人数排序。人数异常多时请核实用途。</p>
<?cs if:subcount(Unusual) > 0 ?>
<table class="list" id="unusual">
  <thead><tr><th>用户名</th><th>姓名</th><th>单位</th><th>涉及儿童（人）</th><th>查阅（次）</th><th>最近查阅</th><th></th></tr></thead>
  <tbody>
  <?cs each:u = Unusual ?>
  <tr id="unusual-<?cs var:u.id ?>">
    <td><?cs var:u.username ?></td><td><?cs var:u.display_name ?></td><td><?cs var:u.org ?></td>
    <td class="num"><?cs var:u.children ?></td><td class="num"><?cs var:u.reads_n ?></td>
    <td><?cs var:datetime(u.last) ?></td>
    <td><a href="/admin/users/<?cs var:u.id ?>">账户</a></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
<?cs else ?>
<p class="empty">没有辖区外查阅记录。</p>
<?cs /if ?>
