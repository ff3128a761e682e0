<section class="error-page">
<h1><?cs if:Error.Status == 404 ?>页面不存在<?cs elif:Error.Status == 403 ?>无权访问<?cs elif:Error.Status == 503 ?>服务暂不可用<?cs elif:Error.Status >= 500 ?>系统错误<?cs else ?>请求无法完成<?cs /if ?></h1>
<p class="error-message"><?cs var:Error.Message ?></p>
<?cs if:Page.ErrorId ?><p class="error-id">错误编号：<code><?cs var:Page.ErrorId ?></code>（联系管理员时请提供）</p><?cs /if ?>
<p><?cs if:Error.Back ?><a href="<?cs var:Error.Back ?>">返回</a>　<?cs /if ?><a href="/">返回首页</a></p>
</section>
