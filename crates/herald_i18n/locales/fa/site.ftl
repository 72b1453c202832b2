### Messages of the public site, in Persian. Translator context is in en/site.ftl.
### Persian text uses the zero-width non-joiner (U+200C) where the orthography needs it
### (می‌شود، زبان‌ها) and the Persian letters ی and ک, never the Arabic ي and ك.

language-autonym = فارسی

## Names of languages, as they read inside a sentence ("ترجمهٔ ماشینی از انگلیسی").

language-name-en = انگلیسی
language-name-vi = ویتنامی
language-name-fa = فارسی
language-name-ar = عربی
language-name-fr = فرانسوی
language-name-zh-Hans = چینی
language-name-ru = روسی
language-name-es = اسپانیایی
language-name-de = آلمانی
language-name-ja = ژاپنی

## Page frame.

skip-to-content = رفتن به محتوای اصلی
nav-main-label = منوی اصلی
nav-home = صفحهٔ اصلی
nav-sections = بخش‌ها
language-switcher-label = خواندن به زبان
footer-about = دربارهٔ { $site }
footer-powered = منتشرشده با Herald
footer-languages = زبان‌ها

## Home page.

home-title = { $site } — اخبار
home-lead-story = خبر اصلی
home-latest = تازه‌ترین‌ها
home-more-in = مطالب بیشتر در { $category }
home-sections = بخش‌ها

## Section page.

category-title = { $category }
category-description-fallback = تازه‌ترین اخبار و مطالب بخش { $category }.
category-default-name = اخبار

## Pagination.

pagination-label = صفحه‌ها
pagination-previous = صفحهٔ قبل
pagination-next = صفحهٔ بعد
pagination-page = صفحهٔ { $page } از { $pages }

## Article page.

article-dateline = { $place }، { $date }
article-published = تاریخ انتشار: { $date }
article-updated = به‌روزرسانی: { $date }
article-byline = به قلم { $authors }
article-source = منبع: { $source }
article-read-original = خواندن متن اصلی در { $source }
article-tags = برچسب‌ها
article-topics = موضوع‌ها
article-category = بخش
article-related-topic = بیشتر دربارهٔ { $topic }
article-related-category = مطالب دیگر در { $category }
article-related-author = مطالب دیگر از { $author }
article-languages = این مطلب به زبان‌های دیگر

## Where this language version comes from ($language is a language-name-… above).

article-origin-original = متن اصلی
article-origin-publisher = نسخهٔ خود ناشر به این زبان
article-origin-machine = ترجمهٔ ماشینی از { $language }
article-origin-post-edited = ترجمهٔ ماشینی از { $language }، ویرایش‌شده به دست مترجم
article-origin-reviewed = ترجمهٔ ماشینی از { $language }، بازبینی‌شده به دست مترجم
article-origin-human = ترجمه‌شده از { $language } به دست مترجم
article-translated-from = ترجمه‌شده از { $language }
article-photo-credit = عکس: { $credit }
# After a number Persian keeps the noun singular, so both forms read the same.
article-reading-time =
    { $minutes ->
        [one] { $minutes } دقیقه مطالعه
       *[other] { $minutes } دقیقه مطالعه
    }
article-count =
    { $count ->
        [one] { $count } مطلب
       *[other] { $count } مطلب
    }

# Meta description of the home page.
home-description = { $site }: خبرهای ویتنام به زبان شما.
# Description of a topic, author, source, place or tag page without one of its own.
list-description-fallback = تازه‌ترین خبرها و مطالب دربارهٔ { $name }.

# Heading of the videos page and of the video strip on the home page.
videos-title = ویدئوها
# Small label on the card of an article that carries a video.
card-video = ویدئو
# Shown above an article read in another language because it has no version in the page's one. $language: the page's language; $other: the language shown (a link).
article-fallback-notice = هنوز به { $language } در دسترس نیست؛ به { $other } نمایش داده می‌شود.
# Link inside the video player, for browsers that cannot play it.
article-video-download = دانلود ویدئو

## Search (the search page and the header's search box) and two more related lists.
search-title = جست‌وجو
search-title-query = جست‌وجو: { $query }
search-label = جست‌وجو در سایت
search-submit = بگرد
search-filters = پالایه‌ها
search-filter-category = بخش
search-filter-topic = موضوع
search-filter-source = منبع
search-filter-any = همه
search-filter-from = از تاریخ
search-filter-to = تا تاریخ
search-count =
    { $count ->
       *[other] { $count } نتیجه برای «{ $query }»
    }
search-count-filtered =
    { $count ->
       *[other] { $count } مطلب با این پالایه‌ها جور است
    }
search-nothing = چیزی برای «{ $query }» پیدا نشد.
search-nothing-filtered = هیچ مطلبی با این پالایه‌ها جور نیست.
search-nothing-help = املای واژه‌ها را بررسی کنید، واژه‌های کمتر یا کلی‌تری بیازمایید، یا یکی از پالایه‌ها را بردارید.
search-without-filters = جست‌وجو بدون پالایه
search-elsewhere = جست‌وجوی همین واژه‌ها به زبانی دیگر:
search-unavailable = جست‌وجو در این لحظه در دسترس نیست. لطفاً چند دقیقهٔ دیگر دوباره امتحان کنید.
article-related-same-story = همین خبر در جاهای دیگر
article-related-similar = مطالب مشابه
# Title of the site's feed of its latest articles, in feed readers.
# $site (String) - the site's name.
feed-title-home = تازه‌ترین خبرهای { $site }
# Title of a section's feed. $site: the site's name; $category: the section's name.
feed-title-category = { $site }: بخش { $category }
# Title of a topic's feed. $site: the site's name; $topic: the topic's name.
feed-title-topic = { $site }: موضوع { $topic }
# Title of the link announcing a feed in a page's head. $feed: the feed's title; $format: "RSS", "Atom" or "JSON Feed".
feed-link = { $feed } (خوراک { $format })
search-some-words = هیچ مطلبی همهٔ این واژه‌ها را ندارد؛ این مطالب برخی از آن‌ها را دارند.

# --- Readers' comments ---
comments-heading = دیدگاه‌ها ({ $count })
comments-count = { $count } دیدگاه
comments-show-all = نمایش دیدگاه‌ها به همهٔ زبان‌ها ({ $count })
comments-show-language = فقط دیدگاه‌ها به { $language }
comments-empty = هنوز دیدگاهی نوشته نشده است.
comments-form-heading = نوشتن دیدگاه
comments-form-name = نام شما
comments-form-body = دیدگاه شما
comments-form-help = فقط متن ساده، با حداکثر { $max } پیوند. هر دیدگاه پیش از انتشار به دست یک ناظر خوانده می‌شود.
comments-form-help-auto = فقط متن ساده، با حداکثر { $max } پیوند. دیدگاه شما بی‌درنگ منتشر می‌شود؛ ناظران ممکن است آن را حذف کنند.
comments-form-trap = این خانه را خالی بگذارید
comments-form-submit = فرستادن دیدگاه
comments-posted = سپاس: دیدگاه شما منتشر شد.
comments-pending = سپاس: دیدگاه شما پس از خوانده شدن به دست ناظر نمایش داده می‌شود.
comments-error-name = لطفاً نام خود را با حداکثر { $max } نویسه بنویسید.
comments-error-body = لطفاً دیدگاه خود را با حداکثر { $max } نویسه بنویسید.
comments-error-links = هر دیدگاه حداکثر { $max } پیوند می‌تواند داشته باشد. لطفاً چند پیوند را بردارید و دوباره بفرستید.
comments-error-too-fast = در زمانی کوتاه چند دیدگاه فرستاده‌اید. لطفاً کمی صبر کنید و سپس دوباره بفرستید.
comments-error-refused = این فرم پذیرفته نشد: زمانش گذشته یا از این صفحه فرستاده نشده است. متن شما در پایین نگه داشته شده است؛ لطفاً دوباره بفرستید.
comments-error-banned = دیدگاه‌هایی که از اتصال شما فرستاده شوند دیگر در این سایت پذیرفته نمی‌شوند.
