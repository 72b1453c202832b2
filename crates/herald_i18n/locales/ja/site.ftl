### Messages of the public site, in Japanese. Translator context is in en/site.ftl.
### Labels use full-width punctuation (：、（）); sentences addressed to the reader use
### です・ます. Japanese has no plural forms: one variant serves every number.

language-autonym = 日本語

## Names of languages, as they read inside a sentence (「英語からの機械翻訳」).

language-name-en = 英語
language-name-vi = ベトナム語
language-name-fa = ペルシャ語
language-name-ar = アラビア語
language-name-fr = フランス語
language-name-zh-Hans = 中国語
language-name-ru = ロシア語
language-name-es = スペイン語
language-name-de = ドイツ語
language-name-ja = 日本語

## Page frame.

skip-to-content = 本文へ移動
nav-main-label = メインメニュー
nav-home = トップ
nav-sections = カテゴリー
language-switcher-label = 表示言語
footer-about = { $site }について
footer-powered = Heraldで配信しています
footer-languages = 言語

## Home page.

home-title = { $site } — ニュース
home-lead-story = トップニュース
home-latest = 最新ニュース
home-more-in = { $category }の記事をもっと見る
home-sections = カテゴリー

## Section page.

category-title = { $category }
category-description-fallback = { $category }の最新ニュースと記事。
category-default-name = ニュース

## Pagination.

pagination-label = ページ送り
pagination-previous = 前のページ
pagination-next = 次のページ
pagination-page = { $pages }ページ中{ $page }ページ目

## Article page.

article-dateline = { $place }、{ $date }
article-published = 公開日時：{ $date }
article-updated = 更新日時：{ $date }
article-byline = 執筆：{ $authors }
article-source = 出典：{ $source }
article-read-original = { $source }で元の記事を読む
article-tags = タグ
article-topics = トピック
article-category = カテゴリー
article-related-topic = 「{ $topic }」の関連記事
article-related-category = { $category }の他の記事
article-related-author = { $author }の他の記事
article-languages = 他の言語で読む

## Where this language version comes from ($language is a language-name-… above).

article-origin-original = 原文記事
article-origin-publisher = 発行元によるこの言語の版
article-origin-machine = { $language }からの機械翻訳
article-origin-post-edited = { $language }からの機械翻訳（翻訳者が修正）
article-origin-reviewed = { $language }からの機械翻訳（翻訳者が確認済み）
article-origin-human = 翻訳者による{ $language }からの翻訳
article-translated-from = { $language }から翻訳
article-photo-credit = 写真：{ $credit }
article-reading-time =
    { $minutes ->
       *[other] { $minutes }分で読めます
    }
article-count =
    { $count ->
       *[other] { $count }件の記事
    }

# Meta description of the home page.
home-description = { $site }：ベトナムのニュースをあなたの言語で。
# Description of a topic, author, source, place or tag page without one of its own.
list-description-fallback = { $name }に関する最新ニュースと記事。

# Heading of the videos page and of the video strip on the home page.
videos-title = 動画
# Small label on the card of an article that carries a video.
card-video = 動画
# Shown above an article read in another language because it has no version in the page's one. $language: the page's language; $other: the language shown (a link).
article-fallback-notice = { $language }版はまだありません。{ $other }版を表示しています。
# Link inside the video player, for browsers that cannot play it.
article-video-download = 動画をダウンロード

## Search (the search page and the header's search box) and two more related lists.
search-title = 検索
search-title-query = 検索：{ $query }
search-label = サイト内を検索
search-submit = 検索
search-filters = 絞り込み
search-filter-category = カテゴリー
search-filter-topic = トピック
search-filter-source = 配信元
search-filter-any = すべて
search-filter-from = 開始日
search-filter-to = 終了日
search-count =
    { $count ->
       *[other] 「{ $query }」の検索結果 { $count } 件
    }
search-count-filtered =
    { $count ->
       *[other] 条件に合う記事 { $count } 件
    }
search-nothing = 「{ $query }」に一致する記事は見つかりませんでした。
search-nothing-filtered = 条件に合う記事はありません。
search-nothing-help = つづりを確かめるか、語を減らしたり一般的な語に変えたり、絞り込みを外したりしてみてください。
search-without-filters = 絞り込みなしで検索
search-elsewhere = 同じ語を別の言語で検索：
search-unavailable = 現在、検索を利用できません。数分後にもう一度お試しください。
article-related-same-story = 同じニュースを他の媒体で
article-related-similar = 似た記事
# Title of the site's feed of its latest articles, in feed readers.
# $site (String) - the site's name.
feed-title-home = { $site } の最新ニュース
# Title of a section's feed. $site: the site's name; $category: the section's name.
feed-title-category = { $site }：{ $category }欄
# Title of a topic's feed. $site: the site's name; $topic: the topic's name.
feed-title-topic = { $site }：{ $topic }の話題
# Title of the link announcing a feed in a page's head. $feed: the feed's title; $format: "RSS", "Atom" or "JSON Feed".
feed-link = { $feed }（{ $format } フィード）
search-some-words = すべての語を含む記事はありません。一部の語を含む記事を表示しています。

# --- Readers' comments ---
comments-heading = コメント（{ $count }）
comments-count = コメント { $count } 件
comments-show-all = すべての言語のコメントを表示（{ $count }）
comments-show-language = { $language }のコメントだけを表示
comments-empty = まだコメントはありません。
comments-form-heading = コメントを書く
comments-form-name = お名前
comments-form-body = コメント
comments-form-help = プレーンテキストのみ、リンクは { $max } 個まで。すべてのコメントはモデレーターが読んでから表示されます。
comments-form-help-auto = プレーンテキストのみ、リンクは { $max } 個まで。コメントはすぐに表示されますが、モデレーターが削除することがあります。
comments-form-trap = この欄には何も入力しないでください
comments-form-submit = コメントを送信
comments-posted = ありがとうございます。コメントが公開されました。
comments-pending = ありがとうございます。モデレーターが読んだ後にコメントが表示されます。
comments-error-name = お名前を { $max } 文字以内で入力してください。
comments-error-body = コメントを { $max } 文字以内で入力してください。
comments-error-links = コメントに含められるリンクは { $max } 個までです。いくつか削除してから、もう一度送信してください。
comments-error-too-fast = 短時間に複数のコメントが送信されました。しばらく待ってから次のコメントを送信してください。
comments-error-refused = このフォームは受け付けられませんでした。有効期限が切れたか、このページから送信されたものではありません。入力した文章は下に残っていますので、もう一度送信してください。
comments-error-banned = このサイトでは、お使いの接続からのコメントを受け付けていません。
