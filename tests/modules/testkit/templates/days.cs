<h1>日期</h1>
<p id="days">[<?cs var:Days.calendar ?>|<?cs var:Days.working ?>|<?cs var:Days.age ?>|<?cs var:Days.month ?>|<?cs var:Days.roundtrip ?>]</p>
<p id="text">[<?cs var:Days.like ?>|<?cs var:Days.url ?>]</p>
