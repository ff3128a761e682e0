<link rel="stylesheet" href="/village/village.css">
<div class="vil">
<h1>儿童主任</h1>
<?cs if:subcount(Villages) ?><p>负责：<?cs each:v = Villages ?><?cs var:division(v.code) ?> <?cs /each ?></p><?cs /if ?>
<a class="button" href="/village/children?due=1">到期应走访</a>
<a class="button" href="/village/children">我的儿童</a>
<?cs if:Surveyor ?><a class="button" href="/village/survey/new">摸底登记（未建档儿童）</a><?cs /if ?>
<a class="button" href="/village/surveys">摸底记录</a>
<a class="button" href="/village/reports">工作报告</a>
<?cs if:Supervisor ?><a class="button" href="/village/overdue">逾期未走访（督导）</a>
<a class="button" href="/village/directors">儿童主任配备</a><?cs /if ?>
<h2>七天内到期</h2>
<ul class="cards" id="due">
<?cs each:c = Due ?><li class="<?cs if:c.late == "1" ?>late<?cs /if ?>"><a href="/village/children/<?cs var:c.id ?>/visit"><strong><?cs var:c.name ?></strong>
  <span class="due"><?cs var:division(c.village_code) ?> · 应走访：<?cs var:date(c.due) ?><?cs if:c.late == "1" ?>（已逾期）<?cs /if ?></span></a></li>
<?cs /each ?>
</ul>
<?cs if:!subcount(Due) ?><p>七天内没有到期的走访。</p><?cs /if ?>
</div>
