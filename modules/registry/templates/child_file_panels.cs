<?cs # other modules' sections of the file (ABI 1.5, s->child_panels): one table
     per panel, everything escaped; the host keeps only local links; none on paper ?>
<?cs def:child_panels(print) ?>
<?cs each:p = Panels ?>
<section<?cs if:!print ?> class="panel child-panel"<?cs /if ?> id="panel-<?cs var:p.module ?>-<?cs name:p ?>" data-module="<?cs var:p.module ?>">
  <h2><?cs var:p.title ?></h2>
  <table class="list">
    <thead><tr><?cs each:h = p.Cols ?><th scope="col"><?cs var:h ?></th><?cs /each ?></tr></thead>
    <tbody>
    <?cs each:row = p.Rows ?><tr><?cs each:cell = row ?><td><?cs var:cell ?></td><?cs /each ?></tr><?cs /each ?>
    <?cs if:p.rows == 0 ?><tr><td colspan="<?cs if:subcount(p.Cols) ?><?cs var:subcount(p.Cols) ?><?cs else ?>1<?cs /if ?>">暂无记录</td></tr><?cs /if ?>
    </tbody>
  </table>
  <?cs if:p.Note ?><p class="hint panel-note"><?cs var:p.Note ?></p><?cs /if ?>
  <?cs if:!print && p.Link ?><p><a href="<?cs var:p.Link ?>">查看详情</a></p><?cs /if ?>
</section>
<?cs /each ?>
<?cs /def ?>
