<link rel="stylesheet" href="/village/village.css">
<div class="vil">
<h1><?cs var:Page.Title ?></h1>
<p><?cs if:DueOnly ?><a href="/village/children">看全部儿童</a><?cs else ?><a href="/village/children?due=1">只看到期应走访</a><?cs /if ?></p>
<ul class="cards" id="children">
<?cs each:c = Children ?><li class="<?cs if:c.late == "1" ?>late<?cs /if ?>" data-child="<?cs var:c.id ?>"><a href="/village/children/<?cs var:c.id ?>/visit"><strong><?cs var:c.name ?></strong>
  <span class="due"><?cs var:division(c.village_code) ?> · 每 <?cs var:c.days ?> 天走访一次 · 上次：<?cs if:c.last_visit ?><?cs var:date(c.last_visit) ?><?cs else ?>未走访<?cs /if ?></span>
  <span class="due">应走访：<span class="due-date"><?cs var:date(c.due) ?></span><?cs if:c.late == "1" ?>（已逾期）<?cs /if ?></span></a></li>
<?cs /each ?>
</ul>
<?cs if:!subcount(Children) ?><p>没有需要走访的儿童。</p><?cs /if ?>
</div>
