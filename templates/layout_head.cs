<!DOCTYPE html><?cs include!"macros.cs" ?><?cs # A worker keeps this head under the values render.c fill_layout writes into its key (Page.Title, Page.Site, Page.Static, CSRF.Token, User.*, the menu) and renders it again for a flash or a form error: print nothing else here, or add it to that key. ?>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Page.Title ?> - <?cs var:Page.Site ?></title>
<link rel="stylesheet" href="<?cs var:Page.Static ?>/portal.css">
<link rel="stylesheet" href="<?cs var:Page.Static ?>/print.css" media="print">
<script src="<?cs var:Page.Static ?>/portal.js" defer></script>
</head>
<body>
<header class="top">
  <a class="site" href="/"><?cs var:Page.Site ?></a>
  <?cs if:User.Username ?>
  <div class="who">
    <span class="user"><?cs var:User.Name ?></span>
    <?cs if:User.OrgScoped ?><span class="org">单位：<?cs var:User.Org ?></span><?cs else ?>
    <span class="org"><?cs var:User.Org ?></span>
    <span class="juris">辖区：<?cs var:User.Division ?></span><?cs /if ?>
    <a href="/notices" class="notices<?cs if:User.UnreadNotices > 0 ?> unread<?cs /if ?>">通知<?cs if:User.UnreadNotices > 0 ?><span class="badge" id="unread-count"><?cs var:User.UnreadNotices ?></span><?cs /if ?></a>
    <a href="/account/password">修改密码</a>
    <form method="post" action="/logout" class="inline"><?cs call:csrf() ?><button type="submit" class="link">退出</button></form>
  </div>
  <?cs /if ?>
</header>
<?cs if:subcount(Menu) ?>
<nav class="menu" aria-label="主菜单"><ul>
<?cs each:m = Menu ?><li<?cs if:m.active == "1" ?> class="active"<?cs /if ?>><a href="<?cs var:m.path ?>"><?cs var:m.title ?></a></li><?cs /each ?>
</ul></nav>
<?cs /if ?>
<main id="main">
<?cs if:Flash ?><p class="flash" role="status"><?cs var:Flash ?></p><?cs /if ?>
<?cs if:Page.FormError ?><p class="form-error" role="alert">未能提交：<?cs var:Page.FormError ?><?cs if:Errors.count ?>请修改标出的项目后重新提交。<?cs else ?>请修改后重新提交。<?cs /if ?></p><?cs /if ?>
