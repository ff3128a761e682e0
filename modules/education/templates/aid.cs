<?cs with:l = List ?>
<h1><?cs var:l.semester ?> <?cs var:label("education.programme", l.programme) ?></h1>
<p id="status" data-status="<?cs var:l.status ?>"><?cs if:l.status == "approved" ?>已审批，发放批次 <a href="/payments/batch/<?cs var:l.batch_id ?>">#<?cs var:l.batch_id ?></a><?cs else ?>待学校审核、县教委审批<?cs /if ?></p>
<?cs /with ?>
<form method="post" action="/education/aid/<?cs var:List.id ?>/review">
<?cs call:csrf() ?>
<table class="list" id="items">
  <thead><tr><th scope="col">学生</th><th scope="col">学校</th><th scope="col">金额（元）</th><th scope="col">收款</th><th scope="col">学校审核</th><?cs if:School && List.status == "draft" ?><th scope="col">不予资助</th><?cs /if ?></tr></thead>
  <tbody>
  <?cs each:i = Items ?><tr<?cs if:i.excluded == "1" ?> class="excluded"<?cs /if ?>><td><a href="/education/children/<?cs var:i.child_id ?>"><?cs var:i.name ?></a></td><td><?cs var:i.school ?></td><td class="num"><?cs var:money(i.amount_fen) ?></td><td><?cs if:i.payee == "school" ?>学校（免学杂费）<?cs else ?>家庭<?cs /if ?></td><td><?cs if:i.excluded == "1" ?>不予资助<?cs elif:i.reviewed_at ?>已审核<?cs else ?>待审核<?cs /if ?></td><?cs if:School && List.status == "draft" ?><td><input type="checkbox" name="exclude" value="<?cs var:i.id ?>"<?cs if:i.excluded == "1" ?> checked<?cs /if ?>></td><?cs /if ?></tr><?cs /each ?>
  <?cs if:!subcount(Items) ?><tr><td colspan="5">无符合条件的学生。</td></tr><?cs /if ?>
  </tbody>
</table>
<?cs if:School && List.status == "draft" ?><button type="submit">审核本校名单</button><?cs /if ?>
</form>
<?cs if:Manager && List.status == "draft" ?>
<form method="post" action="/education/aid/<?cs var:List.id ?>/approve" class="inline"><?cs call:csrf() ?><button type="submit">审批并登记发放</button></form>
<?cs /if ?>
