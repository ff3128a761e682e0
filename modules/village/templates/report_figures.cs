<dl class="facts" id="figures">
  <dt>负责村的儿童</dt><dd id="f-children"><?cs var:f.children ?> 人</dd>
  <dt>本月走访到的儿童</dt><dd id="f-visited"><?cs var:f.visited ?> 人</dd>
  <dt>走访</dt><dd id="f-visits"><?cs var:f.visits ?> 次</dd>
  <dt>入户核查</dt><dd id="f-home"><?cs var:f.home_checks ?> 次</dd>
  <dt>电话联系</dt><dd><?cs var:f.calls ?> 次</dd>
  <dt>发现问题的走访</dt><dd id="f-concerns"><?cs var:f.concerns ?> 次</dd>
  <dt>摸底登记</dt><dd id="f-surveys"><?cs var:f.surveys ?> 人</dd>
</dl>
