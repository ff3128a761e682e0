<?cs with:i = Item ?>
<h1><?cs var:i.title ?></h1>
<dl id="item">
  <dt>金额（元）</dt><dd id="amount"><?cs var:money(i.amount_fen) ?></dd>
  <dt>日期</dt><dd><?cs var:date(i.day) ?></dd>
  <dt>状态</dt><dd id="status" data-status="<?cs var:i.status ?>"><?cs var:label("skeleton.status", i.status) ?></dd>
  <dt>登记时间</dt><dd><?cs var:datetime(i.created_at) ?></dd>
</dl>
<?cs if:i.status == "open" ?>
<p><a href="/skeleton/<?cs var:i.id ?>/edit">修改</a></p>
<form method="post" action="/skeleton/<?cs var:i.id ?>/close" class="inline"><?cs call:csrf() ?><button type="submit">关闭</button></form>
<?cs /if ?>
<?cs /with ?>
