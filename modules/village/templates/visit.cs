<link rel="stylesheet" href="/village/village.css">
<div class="vil" data-draft-sent="<?cs var:DraftKey ?>">
<?cs with:v = Visit ?>
<h1><?cs var:label("village.kind", v.kind) ?>：<?cs var:Child.name ?></h1>
<?cs if:Report ?><div class="offer" id="report-offer"><p><strong>发现的问题属于强制报告情形：请立即报告（同时报告派出所）。</strong></p>
  <a class="button" id="report-link" href="<?cs var:Report ?>">立即强制报告</a></div><?cs /if ?>
<?cs if:subcount(Offers) ?><div class="offer" id="apply-offers"><?cs each:o = Offers ?><?cs if:o.link ?><a class="button" href="<?cs var:o.link ?>"><?cs var:o.title ?></a><?cs else ?><p>请到乡镇一门受理窗口办理：<?cs var:o.title ?></p><?cs /if ?><?cs /each ?></div><?cs /if ?>
<dl class="facts" id="visit">
  <dt>日期</dt><dd><?cs var:date(v.visit_date) ?></dd>
  <dt>儿童主任</dt><dd><?cs var:v.director ?></dd>
  <dt>见到的人</dt><dd><?cs var:v.seen ?></dd>
  <dt>生活状况</dt><dd><?cs var:v.living ?></dd>
  <dt>监护照料</dt><dd><?cs var:v.care ?></dd>
  <dt>就学</dt><dd><?cs var:v.schooling ?></dd>
  <dt>健康</dt><dd><?cs var:v.health ?></dd>
  <dt>发现的问题</dt><dd id="found"><?cs each:f = Found ?><?cs var:f ?><br><?cs /each ?><?cs if:!subcount(Found) ?>无<?cs /if ?></dd>
  <?cs if:v.concern_note ?><dt>问题说明</dt><dd><?cs var:v.concern_note ?></dd><?cs /if ?>
  <dt>告知的政策</dt><dd><?cs var:v.told ?></dd>
  <dt>帮助申请</dt><dd><?cs each:h = Helped ?><?cs var:h ?> <?cs /each ?></dd>
  <?cs if:v.photo_stored ?><dt>照片</dt><dd><a href="/village/visits/<?cs var:v.id ?>/photo">查看照片</a></dd><?cs /if ?>
</dl>
<?cs /with ?>
<a class="button" href="/village/children?due=1">返回到期应走访</a>
</div>
<script src="/village/draft.js"></script>
