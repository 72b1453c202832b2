### Messages of the public site, in Chinese (simplified characters). Translator context is in
### en/site.ftl. Labels use full-width punctuation (：，“”); a space separates Chinese from a
### Latin word such as "Herald". Chinese has no plural forms: one variant serves every number.

language-autonym = 简体中文

## Names of languages, as they read inside a sentence (“译自英语”).

language-name-en = 英语
language-name-vi = 越南语
language-name-fa = 波斯语
language-name-ar = 阿拉伯语
language-name-fr = 法语
language-name-zh-Hans = 中文
language-name-ru = 俄语
language-name-es = 西班牙语
language-name-de = 德语
language-name-ja = 日语

## Page frame.

skip-to-content = 跳至正文
nav-main-label = 主菜单
nav-home = 首页
nav-sections = 栏目
language-switcher-label = 阅读语言
footer-about = 关于{ $site }
footer-powered = 由 Herald 发布
footer-languages = 语言

## Home page.

home-title = { $site } — 新闻
home-lead-story = 头条
home-latest = 最新报道
home-more-in = 更多{ $category }报道
home-sections = 栏目

## Section page.

category-title = { $category }
category-description-fallback = { $category }栏目的最新新闻与报道。
category-default-name = 新闻

## Pagination.

pagination-label = 分页
pagination-previous = 上一页
pagination-next = 下一页
pagination-page = 第{ $page }页，共{ $pages }页

## Article page.

article-dateline = { $place }，{ $date }
article-published = 发布时间：{ $date }
article-updated = 更新时间：{ $date }
article-byline = 作者：{ $authors }
article-source = 来源：{ $source }
article-read-original = 在{ $source }阅读原文
article-tags = 标签
article-topics = 专题
article-category = 栏目
article-related-topic = 更多“{ $topic }”相关报道
article-related-category = { $category }栏目更多报道
article-related-author = { $author }的更多文章
article-languages = 其他语言版本

## Where this language version comes from ($language is a language-name-… above).

article-origin-original = 原文
article-origin-publisher = 出版方发布的本语言版本
article-origin-machine = 由{ $language }机器翻译
article-origin-post-edited = 由{ $language }机器翻译，经译者编辑
article-origin-reviewed = 由{ $language }机器翻译，经译者审校
article-origin-human = 由译者译自{ $language }
article-translated-from = 译自{ $language }
article-photo-credit = 图片来源：{ $credit }
article-reading-time =
    { $minutes ->
       *[other] 阅读约需{ $minutes }分钟
    }
article-count =
    { $count ->
       *[other] { $count }篇文章
    }

# Meta description of the home page.
home-description = { $site }：用您的语言阅读越南新闻。
# Description of a topic, author, source, place or tag page without one of its own.
list-description-fallback = 关于{ $name }的最新新闻与报道。

# Heading of the videos page and of the video strip on the home page.
videos-title = 视频
# Small label on the card of an article that carries a video.
card-video = 视频
# Shown above an article read in another language because it has no version in the page's one. $language: the page's language; $other: the language shown (a link).
article-fallback-notice = 尚无{ $language }版本；现显示{ $other }版本。
# Link inside the video player, for browsers that cannot play it.
article-video-download = 下载视频

## Search (the search page and the header's search box) and two more related lists.
search-title = 搜索
search-title-query = 搜索：{ $query }
search-label = 站内搜索
search-submit = 搜索
search-filters = 筛选
search-filter-category = 栏目
search-filter-topic = 专题
search-filter-source = 来源
search-filter-any = 全部
search-filter-from = 起始日期
search-filter-to = 截止日期
search-count =
    { $count ->
       *[other] “{ $query }”共有 { $count } 条结果
    }
search-count-filtered =
    { $count ->
       *[other] 共有 { $count } 篇文章符合筛选条件
    }
search-nothing = 没有找到与“{ $query }”相关的内容。
search-nothing-filtered = 没有文章符合这些筛选条件。
search-nothing-help = 请检查拼写，换用更少或更通用的词语，或者去掉某个筛选条件。
search-without-filters = 不加筛选重新搜索
search-elsewhere = 用其他语言搜索相同的词语：
search-unavailable = 搜索功能暂时无法使用，请几分钟后再试。
article-related-same-story = 其他媒体的同一报道
article-related-similar = 相似文章
# Title of the site's feed of its latest articles, in feed readers.
# $site (String) - the site's name.
feed-title-home = { $site } 最新新闻
# Title of a section's feed. $site: the site's name; $category: the section's name.
feed-title-category = { $site }：{ $category }栏目
# Title of a topic's feed. $site: the site's name; $topic: the topic's name.
feed-title-topic = { $site }：{ $topic }专题
# Title of the link announcing a feed in a page's head. $feed: the feed's title; $format: "RSS", "Atom" or "JSON Feed".
feed-link = { $feed }（{ $format } 订阅源）
search-some-words = 没有文章同时包含所有这些词语；以下文章包含其中一部分。

# --- Readers' comments ---
comments-heading = 评论（{ $count }）
comments-count = { $count } 条评论
comments-show-all = 查看所有语言的评论（{ $count }）
comments-show-language = 只看{ $language }评论
comments-empty = 还没有评论。
comments-form-heading = 发表评论
comments-form-name = 您的名字
comments-form-body = 您的评论
comments-form-help = 仅限纯文本，最多 { $max } 个链接。每条评论都会先经版主阅读后再显示。
comments-form-help-auto = 仅限纯文本，最多 { $max } 个链接。您的评论会立即显示，版主可能将其删除。
comments-form-trap = 请勿填写此栏
comments-form-submit = 发送评论
comments-posted = 谢谢：您的评论已发布。
comments-pending = 谢谢：版主阅读后，您的评论就会显示。
comments-error-name = 请填写您的名字，不超过 { $max } 个字符。
comments-error-body = 请填写评论内容，不超过 { $max } 个字符。
comments-error-links = 每条评论最多只能包含 { $max } 个链接。请删去一些后重新发送。
comments-error-too-fast = 您在短时间内发送了多条评论。请稍候再发送。
comments-error-refused = 无法接受此表单：它已过期，或并非从本页面发送。您的文字保留在下方，请重新发送。
comments-error-banned = 本站不再接受来自您的网络连接的评论。
