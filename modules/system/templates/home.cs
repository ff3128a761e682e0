<h1>欢迎，<?cs var:Home.Name ?></h1>
<p>这里是酉阳县困境儿童保障工作平台。请从上方菜单进入您负责的工作。</p>
<section class="panel">
  <h2>我的账户</h2>
  <dl class="facts">
    <dt>姓名</dt><dd><?cs var:User.Name ?></dd>
    <dt>单位</dt><dd><?cs var:User.Org ?></dd>
    <dt>辖区</dt><dd><?cs var:User.Division ?></dd>
  </dl>
</section>
