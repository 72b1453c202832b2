### Messages of the public site, in Arabic. Translator context is in en/site.ftl.
### Arabic text uses the Arabic letters ي and ك, never the Persian ی and ک, and the Arabic
### comma (،). Numbers are written by the site in CLDR's digits for `ar`.

language-autonym = العربية

## Names of languages, as they read inside a sentence ("ترجمة آلية عن الإنجليزية").

language-name-en = الإنجليزية
language-name-vi = الفيتنامية
language-name-fa = الفارسية
language-name-ar = العربية
language-name-fr = الفرنسية
language-name-zh-Hans = الصينية
language-name-ru = الروسية
language-name-es = الإسبانية
language-name-de = الألمانية
language-name-ja = اليابانية

## Page frame.

skip-to-content = الانتقال إلى المحتوى الرئيسي
nav-main-label = القائمة الرئيسية
nav-home = الرئيسية
nav-sections = الأقسام
language-switcher-label = لغة القراءة
footer-about = عن { $site }
footer-powered = يُنشر باستخدام Herald
footer-languages = اللغات

## Home page.

home-title = { $site } — أخبار
home-lead-story = الخبر الرئيسي
home-latest = آخر الأخبار
home-more-in = المزيد من قسم { $category }
home-sections = الأقسام

## Section page.

category-title = { $category }
category-description-fallback = آخر الأخبار والتقارير في قسم { $category }.
category-default-name = أخبار

## Pagination.

pagination-label = الصفحات
pagination-previous = الصفحة السابقة
pagination-next = الصفحة التالية
pagination-page = الصفحة { $page } من { $pages }

## Article page.

article-dateline = { $place }، { $date }
article-published = تاريخ النشر: { $date }
article-updated = آخر تحديث: { $date }
article-byline = بقلم { $authors }
article-source = المصدر: { $source }
article-read-original = اقرأ المقال الأصلي على موقع { $source }
article-tags = الوسوم
article-topics = المواضيع
article-category = القسم
article-related-topic = المزيد عن { $topic }
article-related-category = المزيد من قسم { $category }
article-related-author = المزيد من مقالات { $author }
article-languages = اقرأ هذا المقال بلغات أخرى

## Where this language version comes from ($language is a language-name-… above).

article-origin-original = المقال الأصلي
article-origin-publisher = النسخة التي نشرها الناشر بهذه اللغة
article-origin-machine = ترجمة آلية عن { $language }
article-origin-post-edited = ترجمة آلية عن { $language }، حرّرها مترجم
article-origin-reviewed = ترجمة آلية عن { $language }، راجعها مترجم
article-origin-human = ترجمها مترجم عن { $language }
article-translated-from = مترجم عن { $language }
article-photo-credit = الصورة: { $credit }
# CLDR's six forms: zero 0; one 1; two 2; few 3–10 (and 103–110…); many 11–99 (and
# 111–199…); other 100, 101, 102…. One and two are said without the number. (Fluent's
# rules still answer "other" from 103 on; see tests/formats.rs.)
article-reading-time =
    { $minutes ->
        [zero] أقل من دقيقة للقراءة
        [one] دقيقة واحدة للقراءة
        [two] دقيقتان للقراءة
        [few] { $minutes } دقائق للقراءة
        [many] { $minutes } دقيقة للقراءة
       *[other] { $minutes } دقيقة للقراءة
    }
article-count =
    { $count ->
        [zero] لا توجد مقالات
        [one] مقال واحد
        [two] مقالان
        [few] { $count } مقالات
        [many] { $count } مقالًا
       *[other] { $count } مقال
    }

# Meta description of the home page.
home-description = { $site }: أخبار فيتنام بلغتك.
# Description of a topic, author, source, place or tag page without one of its own.
list-description-fallback = آخر الأخبار والتقارير عن { $name }.

# Heading of the videos page and of the video strip on the home page.
videos-title = مقاطع الفيديو
# Small label on the card of an article that carries a video.
card-video = فيديو
# Shown above an article read in another language because it has no version in the page's one. $language: the page's language; $other: the language shown (a link).
article-fallback-notice = غير متوفر بعد باللغة { $language }؛ يُعرض باللغة { $other }.
# Link inside the video player, for browsers that cannot play it.
article-video-download = تنزيل الفيديو

## Search (the search page and the header's search box) and two more related lists.
search-title = بحث
search-title-query = بحث: { $query }
search-label = ابحث في الموقع
search-submit = ابحث
search-filters = عوامل التصفية
search-filter-category = القسم
search-filter-topic = الموضوع
search-filter-source = المصدر
search-filter-any = الكل
search-filter-from = من تاريخ
search-filter-to = حتى تاريخ
search-count =
    { $count ->
        [zero] لا نتائج عن «{ $query }»
        [one] نتيجة واحدة عن «{ $query }»
        [two] نتيجتان عن «{ $query }»
        [few] { $count } نتائج عن «{ $query }»
       *[other] { $count } نتيجة عن «{ $query }»
    }
search-count-filtered =
    { $count ->
        [one] مقال واحد يطابق عوامل التصفية
        [two] مقالان يطابقان عوامل التصفية
        [few] { $count } مقالات تطابق عوامل التصفية
       *[other] { $count } مقالًا يطابق عوامل التصفية
    }
search-nothing = لا شيء يطابق «{ $query }».
search-nothing-filtered = لا يوجد مقال يطابق عوامل التصفية هذه.
search-nothing-help = تحقّق من الإملاء، أو جرّب كلمات أقل أو أعم، أو أزل أحد عوامل التصفية.
search-without-filters = ابحث دون عوامل التصفية
search-elsewhere = ابحث عن الكلمات نفسها بلغة أخرى:
search-unavailable = البحث غير متاح حاليًا. يُرجى المحاولة مرة أخرى بعد دقائق.
article-related-same-story = الخبر نفسه في مصادر أخرى
article-related-similar = مقالات مشابهة
# Title of the site's feed of its latest articles, in feed readers.
# $site (String) - the site's name.
feed-title-home = آخر الأخبار من { $site }
# Title of a section's feed. $site: the site's name; $category: the section's name.
feed-title-category = { $site }: قسم { $category }
# Title of a topic's feed. $site: the site's name; $topic: the topic's name.
feed-title-topic = { $site }: موضوع { $topic }
# Title of the link announcing a feed in a page's head. $feed: the feed's title; $format: "RSS", "Atom" or "JSON Feed".
feed-link = { $feed } (موجز { $format })
search-some-words = لا يوجد مقال يحتوي على كل هذه الكلمات؛ هذه المقالات تحتوي على بعضها.

# --- Readers' comments ---
comments-heading = التعليقات ({ $count })
comments-count =
    { $count ->
        [zero] لا تعليقات
        [one] تعليق واحد
        [two] تعليقان
        [few] { $count } تعليقات
        [many] { $count } تعليقًا
       *[other] { $count } تعليق
    }
comments-show-all = عرض التعليقات بكل اللغات ({ $count })
comments-show-language = عرض التعليقات باللغة { $language } فقط
comments-empty = لا توجد تعليقات بعد.
comments-form-heading = اكتب تعليقًا
comments-form-name = اسمك
comments-form-body = تعليقك
comments-form-help = نص عادي فقط، بحد أقصى { $max } روابط. يقرأ أحد المشرفين كل تعليق قبل ظهوره.
comments-form-help-auto = نص عادي فقط، بحد أقصى { $max } روابط. يظهر تعليقك فورًا، وقد يحذفه المشرفون.
comments-form-trap = اترك هذا الحقل فارغًا
comments-form-submit = إرسال التعليق
comments-posted = شكرًا لك: نُشر تعليقك.
comments-pending = شكرًا لك: سيظهر تعليقك بعد أن يقرأه أحد المشرفين.
comments-error-name = يرجى كتابة اسمك بما لا يتجاوز { $max } حرفًا.
comments-error-body = يرجى كتابة تعليقك بما لا يتجاوز { $max } حرف.
comments-error-links = لا يجوز أن يتضمن التعليق أكثر من { $max } روابط. يرجى حذف بعضها ثم إرساله مجددًا.
comments-error-too-fast = أرسلت عدة تعليقات في وقت قصير. يرجى الانتظار قليلًا قبل إرسال تعليق آخر.
comments-error-refused = تعذّر قبول هذا النموذج: انتهت صلاحيته أو لم يُرسل من هذه الصفحة. نصك محفوظ أدناه؛ يرجى إرساله مجددًا.
comments-error-banned = لم يعد هذا الموقع يقبل التعليقات الواردة من اتصالك.
