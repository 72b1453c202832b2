### Messages of the public site, in Vietnamese. Translator context is in en/site.ftl.

language-autonym = Tiếng Việt

## Names of languages, as they read inside a sentence ("Dịch máy từ tiếng Anh").

language-name-en = tiếng Anh
language-name-vi = tiếng Việt
language-name-fa = tiếng Ba Tư
language-name-ar = tiếng Ả Rập
language-name-fr = tiếng Pháp
language-name-zh-Hans = tiếng Trung
language-name-ru = tiếng Nga
language-name-es = tiếng Tây Ban Nha
language-name-de = tiếng Đức
language-name-ja = tiếng Nhật

## Page frame.

skip-to-content = Chuyển đến nội dung chính
nav-main-label = Menu chính
nav-home = Trang chủ
nav-sections = Chuyên mục
language-switcher-label = Đọc bằng
footer-about = Giới thiệu { $site }
footer-powered = Xuất bản bằng Herald
footer-languages = Ngôn ngữ

## Home page.

home-title = { $site } — Tin tức
home-lead-story = Tin nổi bật
home-latest = Tin mới nhất
home-more-in = Xem thêm tin { $category }
home-sections = Các chuyên mục

## Section page.

category-title = { $category }
category-description-fallback = Tin tức và bài viết mới nhất trong chuyên mục { $category }.
category-default-name = Tin tức

## Pagination.

pagination-label = Phân trang
pagination-previous = Trang trước
pagination-next = Trang sau
pagination-page = Trang { $page }/{ $pages }

## Article page.

article-dateline = { $place }, { $date }
article-published = Đăng lúc { $date }
article-updated = Cập nhật lúc { $date }
article-byline = Tác giả: { $authors }
article-source = Nguồn: { $source }
article-read-original = Đọc bài gốc trên { $source }
article-tags = Từ khóa
article-topics = Chủ đề
article-category = Chuyên mục
article-related-topic = Cùng chủ đề { $topic }
article-related-category = Tin khác trong chuyên mục { $category }
article-related-author = Bài viết khác của { $author }
article-languages = Đọc bài này bằng

## Where this language version comes from ($language is a language-name-… above).

article-origin-original = Bài gốc
article-origin-publisher = Bản do chính tòa soạn đăng bằng ngôn ngữ này
article-origin-machine = Dịch máy từ { $language }
article-origin-post-edited = Dịch máy từ { $language }, đã được biên dịch viên hiệu đính
article-origin-reviewed = Dịch máy từ { $language }, đã được biên dịch viên kiểm duyệt
article-origin-human = Do biên dịch viên dịch từ { $language }
article-translated-from = Dịch từ { $language }
article-photo-credit = Ảnh: { $credit }
# Vietnamese has no plural forms: one variant serves every number.
article-reading-time =
    { $minutes ->
       *[other] { $minutes } phút đọc
    }
article-count =
    { $count ->
       *[other] { $count } bài viết
    }

# Meta description of the home page.
home-description = { $site }: tin tức Việt Nam bằng ngôn ngữ của bạn.
# Description of a topic, author, source, place or tag page without one of its own.
list-description-fallback = Tin tức và bài viết mới nhất về { $name }.

# Heading of the videos page and of the video strip on the home page.
videos-title = Video
# Small label on the card of an article that carries a video.
card-video = Video
# Shown above an article read in another language because it has no version in the page's one. $language: the page's language; $other: the language shown (a link).
article-fallback-notice = Chưa có bản { $language }; đang hiển thị bản { $other }.
# Link inside the video player, for browsers that cannot play it.
article-video-download = Tải video xuống

## Search (the search page and the header's search box) and two more related lists.
search-title = Tìm kiếm
search-title-query = Tìm kiếm: { $query }
search-label = Tìm trong trang
search-submit = Tìm
search-filters = Bộ lọc
search-filter-category = Chuyên mục
search-filter-topic = Chủ đề
search-filter-source = Nguồn tin
search-filter-any = Tất cả
search-filter-from = Từ ngày
search-filter-to = Đến ngày
search-count =
    { $count ->
       *[other] { $count } kết quả cho “{ $query }”
    }
search-count-filtered =
    { $count ->
       *[other] { $count } bài viết khớp với bộ lọc
    }
search-nothing = Không tìm thấy kết quả nào cho “{ $query }”.
search-nothing-filtered = Không có bài viết nào khớp với bộ lọc.
search-nothing-help = Hãy kiểm tra chính tả, thử ít từ hơn hoặc từ khái quát hơn, hoặc bỏ bớt bộ lọc. Có thể gõ có dấu hoặc không dấu.
search-without-filters = Tìm lại không dùng bộ lọc
search-elsewhere = Tìm cùng các từ này bằng ngôn ngữ khác:
search-unavailable = Chức năng tìm kiếm tạm thời chưa sẵn sàng. Vui lòng thử lại sau ít phút.
article-related-same-story = Cùng sự kiện ở nơi khác
article-related-similar = Bài viết tương tự
# Title of the site's feed of its latest articles, in feed readers.
# $site (String) - the site's name.
feed-title-home = Tin mới nhất từ { $site }
# Title of a section's feed. $site: the site's name; $category: the section's name.
feed-title-category = { $site }: chuyên mục { $category }
# Title of a topic's feed. $site: the site's name; $topic: the topic's name.
feed-title-topic = { $site }: chủ đề { $topic }
# Title of the link announcing a feed in a page's head. $feed: the feed's title; $format: "RSS", "Atom" or "JSON Feed".
feed-link = { $feed } (nguồn tin dạng { $format })
search-some-words = Không có bài viết nào chứa đủ tất cả các từ này; dưới đây là những bài có một phần trong số đó.

# --- Readers' comments ---
comments-heading = Bình luận ({ $count })
comments-count = { $count } bình luận
comments-show-all = Xem bình luận bằng mọi ngôn ngữ ({ $count })
comments-show-language = Chỉ xem bình luận bằng { $language }
comments-empty = Chưa có bình luận nào.
comments-form-heading = Viết bình luận
comments-form-name = Tên của bạn
comments-form-body = Bình luận của bạn
comments-form-help = Chỉ văn bản thuần, tối đa { $max } liên kết. Mọi bình luận đều được biên tập viên đọc trước khi đăng.
comments-form-help-auto = Chỉ văn bản thuần, tối đa { $max } liên kết. Bình luận được đăng ngay; biên tập viên có thể gỡ bỏ.
comments-form-trap = Để trống ô này
comments-form-submit = Gửi bình luận
comments-posted = Cảm ơn bạn: bình luận đã được đăng.
comments-pending = Cảm ơn bạn: bình luận sẽ hiện ra sau khi biên tập viên đọc.
comments-error-name = Vui lòng nhập tên, tối đa { $max } ký tự.
comments-error-body = Vui lòng viết bình luận, tối đa { $max } ký tự.
comments-error-links = Mỗi bình luận chỉ được chứa tối đa { $max } liên kết. Vui lòng bớt liên kết rồi gửi lại.
comments-error-too-fast = Bạn đã gửi nhiều bình luận trong thời gian ngắn. Vui lòng chờ một lát rồi gửi tiếp.
comments-error-refused = Không thể nhận biểu mẫu này: biểu mẫu đã hết hạn hoặc không được gửi từ trang này. Nội dung của bạn vẫn được giữ bên dưới; vui lòng gửi lại.
comments-error-banned = Trang này không còn nhận bình luận từ kết nối của bạn.
