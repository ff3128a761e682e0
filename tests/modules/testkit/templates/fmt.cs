<h1>格式</h1>
<dl id="row">
<dt>money</dt><dd id="row-money">[<?cs var:money(Row.fen) ?>]</dd>
<dt>date</dt><dd id="row-date">[<?cs var:date(Row.at) ?>]</dd>
<dt>datetime</dt><dd id="row-datetime">[<?cs var:datetime(Row.at) ?>]</dd>
<dt>day</dt><dd id="row-day">[<?cs var:date(Row.day) ?>]</dd>
<dt>nothing</dt><dd id="row-nothing">[<?cs if:?Row.nothing ?>set<?cs else ?>unset<?cs /if ?>]</dd>
<dt>beside</dt><dd id="row-beside">[<?cs if:?Row._beside ?>set<?cs else ?>unset<?cs /if ?>]</dd>
</dl>
<dl id="raw">
<dt>money</dt><dd id="raw-money">[<?cs var:money(Raw.fen) ?>]</dd>
<dt>date</dt><dd id="raw-date">[<?cs var:date(Raw.at) ?>]</dd>
<dt>datetime</dt><dd id="raw-datetime">[<?cs var:datetime(Raw.at) ?>]</dd>
<dt>mask_id</dt><dd id="raw-mask">[<?cs var:mask_id(Raw.last4) ?>]</dd>
<dt>label</dt><dd id="raw-label">[<?cs var:label(Raw.kind, Raw.code) ?>]</dd>
<dt>labels</dt><dd id="raw-labels">[<?cs var:labels(Raw.kind, Raw.code) ?>]</dd>
<dt>division</dt><dd id="raw-division">[<?cs var:division(Raw.div) ?>]</dd>
<dt>literal</dt><dd id="lit-money">[<?cs var:money(-5) ?>|<?cs var:money(0) ?>|<?cs var:money("") ?>]</dd>
<dt>attribute</dt><dd><a id="attr" title="<?cs var:label(Raw.kind, Raw.code) ?>">a</a></dd>
</dl>
<p id="col">[<?cs var:Col.fen ?>|<?cs var:Col.at_index ?>|<?cs var:Col.missing_index ?>|<?cs var:Col.nothing ?>|<?cs var:Col.beside ?>]</p>
<p id="one">[<?cs var:One.found ?>|<?cs var:One.tag ?>|<?cs var:money(One.fen) ?>]</p>
<p id="label-direct">[<?cs var:Label.direct ?>]</p>
<ul id="colors"><?cs each:c = Colors ?><li><?cs var:c.code ?>=<?cs var:c.title ?></li><?cs /each ?></ul>
