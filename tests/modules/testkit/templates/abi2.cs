<dl id="abi2">
<?cs each:t = Typed ?><dt><?cs name:t ?></dt><dd id="typed-<?cs name:t ?>"><?cs var:t ?></dd><?cs /each ?>
<?cs each:o = Obj ?><dt><?cs name:o ?></dt><dd id="obj-<?cs name:o ?>"><?cs var:o ?></dd><?cs /each ?>
<?cs each:c = Child ?><dt><?cs name:c ?></dt><dd id="child-<?cs name:c ?>"><?cs var:c ?></dd><?cs /each ?>
<?cs if:App.id ?><dd id="app-id"><?cs var:App.id ?></dd><dd id="app-status"><?cs var:App.status ?></dd><?cs /if ?>
</dl>
