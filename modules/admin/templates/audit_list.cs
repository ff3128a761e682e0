<h1>审计日志</h1>
<p><a href="/admin/audit/verify">检查日志完整性</a></p>
<form method="get" action="/admin/audit" class="filter">
  <div class="field"><label for="f-user">用户名</label>
    <input type="text" id="f-user" name="user" value="<?cs var:Filter.user ?>" maxlength="64"></div>
  <div class="field"><label for="f-action">操作</label>
    <input type="text" id="f-action" name="action" value="<?cs var:Filter.action ?>" maxlength="64">
    <span class="hint">如 login、login.fail、deny、admin.user（含其下各项）。</span></div>
  <div class="field"><label for="f-otype">对象类型</label>
    <input type="text" id="f-otype" name="otype" value="<?cs var:Filter.otype ?>" maxlength="32">
    <span class="hint">如 child（儿童档案）、user、route。</span></div>
  <div class="field"><label for="f-oid">对象编号</label>
    <input type="text" id="f-oid" name="oid" value="<?cs var:Filter.oid ?>" maxlength="128"></div>
  <div class="field"><label for="f-from">开始日期</label>
    <input type="date" id="f-from" name="from" value="<?cs var:Filter.from ?>"></div>
  <div class="field"><label for="f-to">结束日期</label>
    <input type="date" id="f-to" name="to" value="<?cs var:Filter.to ?>"></div>
  <button type="submit">查询</button>
</form>
<table class="list audit">
<caption>审计记录（最新在前，每页 50 条；查阅本页也会被记录）</caption>
<thead><tr><th>编号</th><th>时间（北京时间）</th><th>用户</th><th>操作</th><th>对象</th><th>详情</th><th>IP</th></tr></thead>
<tbody>
<?cs each:a = Audit ?>
<tr>
  <td><?cs var:a.id ?></td>
  <td><?cs var:a.at ?></td>
  <td><?cs var:a.username ?></td>
  <td><?cs var:a.action ?></td>
  <td><?cs var:a.otype ?><?cs if:a.oid ?> <?cs var:a.oid ?><?cs /if ?></td>
  <td><?cs var:a.detail ?></td>
  <td><?cs var:a.ip ?></td>
</tr>
<?cs /each ?>
<?cs if:Counts.audit == "0" ?><tr><td colspan="7">没有符合条件的记录。</td></tr><?cs /if ?>
</tbody>
</table>
<nav class="pager" aria-label="分页">
  <?cs if:Pager.Paged ?><a href="/admin/audit?user=<?cs var:url_escape(Filter.user) ?>&amp;action=<?cs var:url_escape(Filter.action) ?>&amp;otype=<?cs var:url_escape(Filter.otype) ?>&amp;oid=<?cs var:url_escape(Filter.oid) ?>&amp;from=<?cs var:url_escape(Filter.from) ?>&amp;to=<?cs var:url_escape(Filter.to) ?>">最新一页</a><?cs /if ?>
  <?cs if:Pager.Next ?><a rel="next" href="/admin/audit?user=<?cs var:url_escape(Filter.user) ?>&amp;action=<?cs var:url_escape(Filter.action) ?>&amp;otype=<?cs var:url_escape(Filter.otype) ?>&amp;oid=<?cs var:url_escape(Filter.oid) ?>&amp;from=<?cs var:url_escape(Filter.from) ?>&amp;to=<?cs var:url_escape(Filter.to) ?>&amp;before=<?cs var:Pager.Next ?>">更早的记录</a><?cs /if ?>
</nav>
