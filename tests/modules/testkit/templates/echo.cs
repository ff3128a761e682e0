<h1 id="echo-heading"><?cs var:Echo.Value ?></h1>
<p id="echo-text"><?cs var:Echo.Value ?></p>
<p><a id="echo-link" href="/_test/echo?v=<?cs var:url_escape(Echo.Value) ?>">链接</a></p>
<form method="post" action="/_test/note">
  <?cs call:csrf() ?>
  <?cs call:text_field("body", "内容", Echo.Value, "", 1) ?>
  <textarea id="echo-area" name="area"><?cs var:Echo.Value ?></textarea>
  <button type="submit">保存</button>
</form>
<table class="list"><tbody>
<?cs each:n = Notes ?><tr><td><?cs var:n.id ?></td><td class="note"><?cs var:n.body ?></td></tr><?cs /each ?>
</tbody></table>
