<link rel="stylesheet" href="/village/village.css">
<div class="vil">
<h1>摸底记录</h1>
<ul class="cards" id="surveys">
<?cs each:v = Surveys ?><li data-status="<?cs var:v.status ?>"><a href="/village/surveys/<?cs var:v.id ?>"><strong><?cs var:v.name ?></strong>
  <span class="due"><?cs var:division(v.village_code) ?> · <?cs var:label("village.survey", v.status) ?> · 登记于 <?cs var:date(v.created_at) ?></span></a></li><?cs /each ?>
</ul>
<?cs if:!subcount(Surveys) ?><p>尚无摸底记录。</p><?cs /if ?>
</div>
