<h1>模块设置</h1>
<p class="hint">您是下列模块的管理员：可以修改其设置和目录，并为本辖区的用户授予这些模块的工作权限。</p>
<ul id="modules">
<?cs each:m = Modules ?><li><a href="/admin/settings/<?cs var:m.name ?>"><?cs var:m.title ?></a></li><?cs /each ?>
<?cs if:!subcount(Modules) ?><li>您目前不管理任何模块。</li><?cs /if ?>
</ul>
