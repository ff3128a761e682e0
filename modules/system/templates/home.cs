<?cs include:"wf_macros.cs" ?>
<h1>欢迎，<?cs var:Home.Name ?></h1>
<p>这里是酉阳县困境儿童保障工作平台。请从上方菜单进入您负责的工作。</p>
<?cs if:Home.Inbox ?><section class="panel">
  <h2>待办事项</h2>
  <?cs if:Home.Waiting > 0 ?>
  <p>有 <strong><?cs var:Home.Waiting ?></strong> 件申请等待您办理。<a href="/inbox">查看全部待办</a></p>
  <?cs call:wf_inbox_table(Inbox, 0) ?>
  <?cs else ?>
  <p>目前没有等待您办理的申请。</p>
  <?cs /if ?>
</section><?cs /if ?>
<section class="panel">
  <h2>我的账户</h2>
  <dl class="facts">
    <dt>姓名</dt><dd><?cs var:User.Name ?></dd>
    <dt>单位</dt><dd><?cs var:User.Org ?></dd>
    <?cs if:!User.OrgScoped ?><dt>辖区</dt><dd><?cs var:User.Division ?></dd><?cs /if ?>
  </dl>
</section>
