<h1>安置与监护：<?cs var:Child.name ?></h1>
<form method="get" action="/guardianship/children/<?cs var:Child.id ?>" class="inline">
<label for="f-on">某日的法定监护人</label><input type="date" id="f-on" name="on" value="<?cs var:On ?>"> <button type="submit">查询</button></form>
<p id="guardian-on"><?cs var:date(On) ?>：<?cs if:GuardianOn.id ?><?cs var:label("guardianship.guardian", GuardianOn.kind) ?> <?cs var:GuardianOn.guardian ?><?cs else ?>未登记<?cs /if ?></p>
<h2>安置记录</h2>
<table id="placements"><thead><tr><th>方式</th><th>抚养人或机构</th><th>自</th><th>至</th><th>原因</th></tr></thead><tbody>
<?cs each:p = Placements ?><tr id="placement-<?cs var:p.id ?>"><td><?cs var:label("guardianship.placement", p.kind) ?></td><td><?cs var:p.carer ?><?cs var:p.org_name ?></td><td><?cs var:date(p.start_date) ?></td><td><?cs var:date(p.end_date) ?></td><td><?cs var:p.end_reason ?></td></tr><?cs /each ?>
</tbody></table>
<form method="post" action="/guardianship/children/<?cs var:Child.id ?>/placements" class="narrow" id="placement-form"><?cs call:csrf() ?>
<div class="field"><label for="f-kind">安置方式</label><select id="f-kind" name="kind"><?cs each:o = PlacementKinds ?><option value="<?cs var:o.code ?>"><?cs var:o.title ?></option><?cs /each ?></select></div>
<div class="field"><label for="f-carer">抚养人（亲属、寄养家庭、收养人）</label><input type="text" id="f-carer" name="carer" value="<?cs var:Form.carer ?>"></div>
<div class="field"><label for="f-org">养育机构</label><select id="f-org" name="org"><option value="">无</option><?cs each:o = Institutions ?><option value="<?cs var:o.id ?>"><?cs var:o.name ?></option><?cs /each ?></select></div>
<div class="field"><label for="f-match">寄养匹配编号（社会力量模块，可空）</label><input type="number" id="f-match" name="care_match" value="<?cs var:Form.care_match ?>"></div>
<div class="field"><label for="f-pstart">开始日期</label><input type="date" id="f-pstart" name="start_date" required></div>
<button type="submit">登记安置</button></form>
<h2>监护记录</h2>
<table id="guardians"><thead><tr><th>类型</th><th>监护人</th><th>情形与依据</th><th>照料机构</th><th>自</th><th>至</th><th>终止原因</th><th>下次评估</th><th></th></tr></thead><tbody>
<?cs each:g = Guardians ?><tr id="guardian-<?cs var:g.id ?>"><td><?cs var:label("guardianship.guardian", g.kind) ?></td><td><?cs var:g.guardian ?></td>
<td><?cs if:g.situation ?><?cs var:label("guardianship.art92", g.situation) ?>；<?cs /if ?><?cs if:g.basis ?><?cs var:label("guardianship.basis", g.basis) ?> <?cs /if ?><?cs var:g.basis_note ?></td>
<td><?cs var:g.org_name ?></td><td><?cs var:date(g.start_date) ?></td><td><?cs var:date(g.end_date) ?></td><td><?cs if:g.end_reason ?><?cs var:label("guardianship.end", g.end_reason) ?><?cs /if ?></td><td><?cs var:date(g.review_due) ?></td>
<td><?cs if:!g.end_date ?><form method="post" action="/guardianship/guardians/<?cs var:g.id ?>/end" class="inline"><?cs call:csrf() ?>
<select name="end_reason"><?cs each:o = Ends ?><option value="<?cs var:o.code ?>"><?cs var:o.title ?></option><?cs /each ?></select>
<input type="date" name="end_date" required> <button type="submit">终止</button></form>
<?cs if:g.review_due ?><form method="post" action="/guardianship/guardians/<?cs var:g.id ?>/review" class="inline"><?cs call:csrf() ?>
<input type="date" name="reviewed_on" required> <input type="text" name="conclusion" placeholder="评估结论" required> <button type="submit">定期评估</button></form><?cs /if ?><?cs /if ?></td></tr><?cs /each ?>
</tbody></table>
<?cs if:subcount(Reviews) ?><h3>定期评估</h3><ul id="reviews"><?cs each:v = Reviews ?><li><?cs var:date(v.reviewed_on) ?>：<?cs var:v.conclusion ?></li><?cs /each ?></ul><?cs /if ?>
<form method="post" action="/guardianship/children/<?cs var:Child.id ?>/guardians" class="narrow" id="guardian-form"><?cs call:csrf() ?>
<div class="field"><label for="f-gkind">监护类型</label><select id="f-gkind" name="kind"><?cs each:o = GuardianKinds ?><?cs if:o.code != "adoptive" ?><option value="<?cs var:o.code ?>"><?cs var:o.title ?></option><?cs /if ?><?cs /each ?></select></div>
<div class="field"><label for="f-guardian">监护人</label><input type="text" id="f-guardian" name="guardian" value="<?cs var:Form.guardian ?>" required></div>
<div class="field"><label for="f-sit">临时监护情形（第九十二条）</label><select id="f-sit" name="situation"><option value="">—</option><?cs each:o = Art92 ?><option value="<?cs var:o.code ?>"><?cs var:o.title ?></option><?cs /each ?></select></div>
<div class="field"><label for="f-basis">依据</label><select id="f-basis" name="basis"><option value="">—</option><?cs each:o = Bases ?><option value="<?cs var:o.code ?>"><?cs var:o.title ?></option><?cs /each ?></select></div>
<div class="field"><label for="f-note">文书（文号等）</label><input type="text" id="f-note" name="basis_note" value="<?cs var:Form.basis_note ?>"></div>
<div class="field"><label for="f-gorg">照料机构</label><select id="f-gorg" name="org"><option value="">无</option><?cs each:o = Institutions ?><option value="<?cs var:o.id ?>"><?cs var:o.name ?></option><?cs /each ?></select></div>
<div class="field"><label for="f-gstart">开始日期</label><input type="date" id="f-gstart" name="start_date" required></div>
<button type="submit">登记监护</button></form>
