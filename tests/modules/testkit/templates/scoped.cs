<ul id="scoped">
<?cs each:c = Scoped ?><li id="scoped-<?cs var:c.id ?>"><?cs var:c.name ?></li><?cs /each ?>
</ul>
