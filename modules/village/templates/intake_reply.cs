<?cs with:i = Intake ?>
<article class="reply" id="reply">
<h1>一门受理答复书</h1>
<p><?cs var:i.applicant ?>：</p>
<p>您于 <?cs var:date(i.created_at) ?> 为 <?cs var:i.child_name ?> 提出的诉求（受理编号 <?cs var:i.id ?>），经有关部门协同办理，答复如下：</p>
<ol><?cs each:n = Needs ?><li><?cs var:label("village.need", n.need) ?>（<?cs var:n.dept ?>）：<?cs var:label("village.answer", n.status) ?><?cs if:n.app_ref ?>，已受理申请 <?cs var:n.app_ref ?><?cs /if ?><?cs if:n.answer ?>。<?cs var:n.answer ?><?cs /if ?></li>
<?cs /each ?></ol>
<p>如有疑问，请到乡镇（街道）一门受理窗口咨询。</p>
<p><?cs var:division(i.township_code) ?> · <?cs var:date(Today) ?></p>
</article>
<?cs /with ?>
