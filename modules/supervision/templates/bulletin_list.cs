<?cs include:"nav.cs" ?>
<h1>月度通报</h1>
<?cs if:CanIssue ?><p><a class="button" href="/supervision/bulletins/new">生成本月通报（预览后印发）</a></p><?cs /if ?>
<table class="list" id="bulletins">
  <thead><tr><th scope="col">月份</th><th scope="col">标题</th><th scope="col">印发人</th><th scope="col">印发时间</th></tr></thead>
  <tbody>
  <?cs each:b = Bulletins ?><tr><td><?cs var:b.ym ?></td><td><a href="/supervision/bulletins/<?cs var:b.id ?>"><?cs var:b.title ?></a><?cs if:b.superseded_by ?> <small class="sv-superseded" data-superseded="<?cs var:b.id ?>">（已被更正）</small><?cs /if ?></td><td><?cs var:b.issued_by ?></td><td><?cs var:datetime(b.issued_at) ?></td></tr><?cs /each ?>
  <?cs if:!subcount(Bulletins) ?><tr><td colspan="4">还没有印发过通报。</td></tr><?cs /if ?>
  </tbody>
</table>
