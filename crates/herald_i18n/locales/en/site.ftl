### Messages of the public site, in English. English is the reference locale: every other
### locale has exactly these message ids, with the same variables.
###
### Variables are inserted into HTML already isolated with <bdi>, so the messages need no
### direction marks of their own. Numbers ($minutes, $count, $page, $pages) arrive as numbers
### and are written in the locale's digits; every other variable is ready-made text.

# The language's own name, written in the language itself. Shown in language lists and the
# language switcher, whatever the page's language.
language-autonym = English

## Names of languages as said in this locale, one for every interface locale Herald ships.
## They appear inside sentences such as "Translated from { $language }", so write them as
## they read in the middle of a sentence, in the form that suits those sentences in your
## language (the nominative or dictionary form, unless every sentence needs another).

language-name-en = English
language-name-vi = Vietnamese
language-name-fa = Persian
language-name-ar = Arabic
language-name-fr = French
# Chinese in simplified characters; in a sentence, "Chinese" is enough.
language-name-zh-Hans = Chinese
language-name-ru = Russian
language-name-es = Spanish
language-name-de = German
language-name-ja = Japanese

## Page frame: header, navigation, footer.

# A link, first on the page, that lets keyboard and screen-reader users jump past the menus.
skip-to-content = Skip to content
# Accessible name (aria-label) of the main navigation; screen readers add "navigation".
nav-main-label = Main menu
# Menu link to the home page of this language.
nav-home = Home
# Menu heading over the list of sections (categories such as Business, Heritage).
nav-sections = Sections
# Label in front of the list of languages this site can be read in.
language-switcher-label = Read in
# Footer link to the page about the site.
# $site (String) - the site's name, e.g. "Vietnam Today".
footer-about = About { $site }
# Footer note naming the software that publishes the site; keep "Herald" as is.
footer-powered = Published with Herald
# Footer heading over the list of languages.
footer-languages = Languages

## Home page.

# The home page's title (browser tab and search results).
# $site (String) - the site's name.
home-title = { $site } — News
# Heading of the main story at the top of the home page.
home-lead-story = Top story
# Heading of the list of the newest articles.
home-latest = Latest
# Link under a section's block on the home page, to that section's page.
# $category (String) - the section's name, e.g. "Business".
home-more-in = More in { $category }
# Heading of the part of the home page that shows one block per section.
home-sections = Sections

## Section (category) page.

# Heading and title of a section's page. Most languages show the name alone; add words or
# quotation marks if your language needs them.
# $category (String) - the section's name.
category-title = { $category }
# Description of a section's page when the newsroom wrote none (search results, social cards).
# $category (String) - the section's name.
category-description-fallback = The latest news and stories in { $category }.

# Name of the section ingested articles go to when the newsroom has created none yet.
category-default-name = News

## Pagination of lists.

# Accessible name (aria-label) of the pagination navigation.
pagination-label = Pages
# Link to the previous page of a list.
pagination-previous = Previous
# Link to the next page of a list.
pagination-next = Next
# Where the reader is in a list of pages.
# $page (Number) - the current page.
# $pages (Number) - the number of pages.
pagination-page = Page { $page } of { $pages }

## Article page.

# The dateline at the top of an article: where and when it was filed.
# $place (String) - a city or province, e.g. "Hanoi".
# $date (String) - the date, already formatted for this locale.
article-dateline = { $place }, { $date }
# $date (String) - date and time of first publication, already formatted.
article-published = Published { $date }
# $date (String) - date and time of the last update, already formatted.
article-updated = Updated { $date }
# The byline.
# $authors (String) - one or more names, already joined into a list.
article-byline = By { $authors }
# Credit to the outlet the article comes from.
# $source (String) - the outlet's name, e.g. "Nhân Dân".
article-source = Source: { $source }
# Link to the article on the outlet's own site.
# $source (String) - the outlet's name.
article-read-original = Read the original on { $source }
# Heading over the article's tags.
article-tags = Tags
# Heading over the article's topics (story lines or events).
article-topics = Topics
# Label in front of the article's section.
article-category = Section
# Heading of a box of other articles on the same topic.
# $topic (String) - the topic's name.
article-related-topic = More on { $topic }
# Heading of a box of other articles in the same section.
# $category (String) - the section's name.
article-related-category = More in { $category }
# Heading of a box of other articles by the same author.
# $author (String) - the author's name.
article-related-author = More from { $author }
# Label in front of links to this article in other languages.
article-languages = Also in

## Notice above an article saying where this language version comes from.
## $language (String) - the name of the original's language in this locale, one of the
## language-name-… messages above (e.g. "Vietnamese").

# The article as the outlet published it.
article-origin-original = Original article
# The outlet's own edition in this language.
article-origin-publisher = The publisher's own edition in this language
article-origin-machine = Translated from { $language } by machine
# Machine translation that a translator then corrected.
article-origin-post-edited = Translated from { $language } by machine, then edited by a translator
# Machine translation that a translator checked and approved.
article-origin-reviewed = Translated from { $language } by machine and reviewed by a translator
# Translation done by a person.
article-origin-human = Translated from { $language } by a translator
# Short form, e.g. on article cards.
# $language (String) - the name of the original's language in this locale.
article-translated-from = Translated from { $language }
# Caption credit of a photo.
# $credit (String) - photographer or agency, e.g. "VNA".
article-photo-credit = Photo: { $credit }
# Estimated reading time.
# $minutes (Number) - whole minutes, at least 1.
article-reading-time =
    { $minutes ->
        [one] { $minutes } minute to read
       *[other] { $minutes } minutes to read
    }
# Number of articles in a list (a section, a topic, an author).
# $count (Number) - the number of articles.
article-count =
    { $count ->
        [one] { $count } article
       *[other] { $count } articles
    }

# Meta description of the home page.
home-description = { $site }: news from Vietnam in your language.
# Description of a topic, author, source, place or tag page without one of its own.
list-description-fallback = The latest news and stories about { $name }.

# Heading of the videos page and of the video strip on the home page.
videos-title = Videos
# Small label on the card of an article that carries a video.
card-video = Video
# Shown above an article read in another language because it has no version in the page's one. $language: the page's language; $other: the language shown (a link).
article-fallback-notice = Not yet available in { $language }; shown in { $other }.
# Link inside the video player, for browsers that cannot play it.
article-video-download = Download the video

## Search (the search page and the header's search box) and two more related lists.
# Heading and title of the search page.
search-title = Search
# Title of the search page after a search. $query (String) - what the reader typed.
search-title-query = Search: { $query }
# Label of the search box.
search-label = Search the site
# Button that runs a search.
search-submit = Search
# Heading of the search filters (section, topic, source, dates).
search-filters = Filters
# Search filter: the section.
search-filter-category = Section
# Search filter: the topic.
search-filter-topic = Topic
# Search filter: the outlet.
search-filter-source = Source
# First choice of a search filter: no restriction.
search-filter-any = Any
# Search filter: earliest publication date.
search-filter-from = From
# Search filter: latest publication date.
search-filter-to = Until
# How many results a search found. $count (Number); $query (String) - what the reader typed.
search-count =
    { $count ->
        [one] One result for “{ $query }”
       *[other] { $count } results for “{ $query }”
    }
# How many articles the filters alone found (no words typed). $count (Number).
search-count-filtered =
    { $count ->
        [one] One article matches these filters
       *[other] { $count } articles match these filters
    }
# A search found nothing. $query (String) - what the reader typed.
search-nothing = Nothing matches “{ $query }”.
# The filters alone found nothing.
search-nothing-filtered = No article matches these filters.
# Advice under a search that found nothing.
search-nothing-help = Check the spelling, try fewer or more general words, or remove a filter. Words can be typed with or without accents.
# Link to the same search with no filters.
search-without-filters = Search without filters
# Before links to the same search in the site's other languages.
search-elsewhere = Search for the same words in another language:
# Shown when the search index cannot be read.
search-unavailable = Search is not available at the moment. Please try again in a few minutes.
# Heading of a box with the same story from other outlets or in other languages.
article-related-same-story = The same story elsewhere
# Heading of a box of articles whose text is like this one's.
article-related-similar = More like this
# Title of the site's feed of its latest articles, in feed readers.
# $site (String) - the site's name.
feed-title-home = Latest news from { $site }
# Title of a section's feed. $site: the site's name; $category: the section's name.
feed-title-category = { $site }: the { $category } section
# Title of a topic's feed. $site: the site's name; $topic: the topic's name.
feed-title-topic = { $site }: stories on { $topic }
# Title of the link announcing a feed in a page's head. $feed: the feed's title; $format: "RSS", "Atom" or "JSON Feed".
feed-link = { $feed } ({ $format } feed)
# Above results that hold only some of the words searched for (none holds them all).
search-some-words = No article has all of these words; these have some of them.

# --- Readers' comments ---
# Heading of an article's comments. $count (Number) - how many are shown.
comments-heading = Comments ({ $count })
# Beside the byline, a link to the comments. $count (Number) - comments in the page's language.
comments-count =
    { $count ->
        [one] { $count } comment
       *[other] { $count } comments
    }
# Link from the comments in the page's language to every language's. $count (Number) - comments in all languages.
comments-show-all = Show the comments in every language ({ $count })
# Link back to the comments in the page's language. $language (String) - its name.
comments-show-language = Show only the comments in { $language }
# Under the heading when there are no comments.
comments-empty = No comments yet.
# Heading of the comment form.
comments-form-heading = Write a comment
# Label of the name field.
comments-form-name = Your name
# Label of the comment field.
comments-form-body = Your comment
# Under the comment field, when a moderator reads comments first. $max (Number) - links allowed.
comments-form-help = Plain text only, with at most { $max } links. A moderator reads every comment before it appears.
# Under the comment field, when comments appear at once. $max (Number) - links allowed.
comments-form-help-auto = Plain text only, with at most { $max } links. Your comment appears at once; moderators may remove it.
# Label of a field hidden from people that only robots fill in.
comments-form-trap = Leave this field empty
# The button that sends a comment.
comments-form-submit = Send comment
# After posting, when the comment is published.
comments-posted = Thank you: your comment is published.
# After posting, when the comment waits for a moderator.
comments-pending = Thank you: your comment will appear once a moderator has read it.
# The name is missing or too long. $max (Number) - longest name, in characters.
comments-error-name = Please give your name, in at most { $max } characters.
# The comment is missing or too long. $max (Number) - longest comment, in characters.
comments-error-body = Please write your comment, in at most { $max } characters.
# Too many links. $max (Number) - links allowed.
comments-error-links = A comment may hold at most { $max } links. Please remove some and send it again.
# Too many comments from one reader in a short time.
comments-error-too-fast = You have sent several comments in a short time. Please wait a little before sending another.
# The form's token is missing, expired or not this page's.
comments-error-refused = This form could not be accepted: it has expired or did not come from this page. Your text is kept below; please send it again.
# The reader's address is banned from commenting.
comments-error-banned = Comments from your connection are no longer accepted on this site.
