<link rel="stylesheet" href="/supervision/supervision.css">
<p class="sv-nav no-print"><a href="/supervision">督查指标</a> · <a href="/supervision/bulletins">月度通报</a> · <a href="/supervision/appraisal">年度考核</a></p>
