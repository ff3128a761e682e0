<p id="out"><?cs var:Out ?></p>
