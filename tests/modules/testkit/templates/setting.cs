<p id="text">text=<?cs var:Setting.text ?></p>
<p id="int">int=<?cs var:Setting.int ?></p>
<ul id="hospitals"><?cs each:h = Hospitals ?><li>entry=<?cs var:h.code ?>:<?cs var:h.name ?>:<?cs var:h.level ?></li><?cs /each ?></ul>
