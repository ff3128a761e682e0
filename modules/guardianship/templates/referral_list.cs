<h1>监护失职移送公安</h1>
<?cs if:IsStaff == "1" ?>
<form method="post" action="/guardianship/referrals" class="narrow" id="referral-form"><?cs call:csrf() ?>
<div class="field"><label for="f-child">儿童档案编号 *</label><input type="number" id="f-child" name="child" required></div>
<div class="field"><label for="f-police">派出所 *</label><select id="f-police" name="police_org"><?cs each:o = Stations ?><option value="<?cs var:o.id ?>"><?cs var:o.name ?></option><?cs /each ?></select></div>
<div class="field"><label for="f-on">移送日期 *</label><input type="date" id="f-on" name="referred_on" required></div>
<div class="field"><label for="f-facts">监护失职情况 *</label><textarea id="f-facts" name="facts" rows="3" maxlength="4000" required></textarea></div>
<div class="field"><label for="f-rep">关联保护个案编号</label><input type="number" id="f-rep" name="report"></div>
<button type="submit">移送</button></form>
<?cs /if ?>
<table id="referrals"><thead><tr><th>编号</th><th>儿童</th><th>派出所</th><th>移送日期</th><th>情况</th><th>回执</th><th>处理结果</th></tr></thead><tbody>
<?cs each:f = Referrals ?><tr id="referral-<?cs var:f.id ?>"><td><?cs var:f.id ?></td><td><?cs var:f.child_name ?></td><td><?cs var:f.police_name ?></td><td><?cs var:date(f.referred_on) ?></td><td><?cs var:f.facts ?></td>
<td><?cs if:f.ack_at ?><?cs var:datetime(f.ack_at) ?><?cs elif:IsPolice == "1" ?><form method="post" action="/guardianship/referrals/<?cs var:f.id ?>/ack" class="inline"><?cs call:csrf() ?><button type="submit">回执</button></form><?cs /if ?></td>
<td><?cs if:f.outcome ?><?cs var:f.outcome ?><?cs elif:IsPolice == "1" ?><form method="post" action="/guardianship/referrals/<?cs var:f.id ?>/outcome" class="inline"><?cs call:csrf() ?><input type="text" name="outcome" required> <button type="submit">记录结果</button></form><?cs /if ?></td></tr><?cs /each ?>
</tbody></table>
