### Error pages, in Persian. Translator context is in en/errors.ftl.

## 404

error-not-found-title = صفحه پیدا نشد
error-not-found-body = صفحه‌ای که به دنبال آن هستید وجود ندارد یا جابه‌جا شده است. به صفحهٔ اصلی بروید یا در سایت جست‌وجو کنید.
error-go-home = رفتن به صفحهٔ اصلی

## 400

error-bad-request-title = درخواست نامعتبر
error-bad-request-body = این درخواست قابل پردازش نیست. نشانی را بررسی کنید و دوباره تلاش کنید.

## 414

error-uri-too-long-title = نشانی بیش از حد طولانی است
error-uri-too-long-body = این نشانی طولانی‌تر از حدی است که سایت می‌پذیرد. پیوندی را که دنبال کرده‌اید بررسی کنید.

## 410

error-gone-title = صفحه حذف شده است
error-gone-body = این صفحه به‌طور دائمی از سوی تحریریه حذف شده است.

## 500

error-internal-title = خطایی رخ داد
error-internal-body = در سمت ما خطایی رخ داده است. لطفاً چند دقیقهٔ دیگر دوباره تلاش کنید.

## 405

error-method-not-allowed-title = درخواست مجاز نیست
error-method-not-allowed-body = این نشانی چنین درخواستی را نمی‌پذیرد.

# The database cannot be reached (503).
error-unavailable-title = موقتاً در دسترس نیست
error-unavailable-body = سایت در حال حاضر به داده‌هایش دسترسی ندارد. لطفاً چند دقیقه دیگر دوباره تلاش کنید.

# 403: the account or address may not do this.
error-forbidden-title = مجاز نیست
error-forbidden-body = حساب یا نشانی شما اجازهٔ این کار را ندارد. اگر فکر می‌کنید اشتباهی رخ داده، با تحریریه تماس بگیرید.

# 403: a form sent without the token of its page (CSRF), or an old one.
error-form-token-title = فرم منقضی شده است
error-form-token-body = این فرم قدیمی است یا از این وبگاه نیامده است. برگردید، صفحه را دوباره بارگذاری کنید و دوباره بفرستید.

# 429: too many attempts from one address.
error-too-many-requests-title = تلاش‌های بیش از حد
error-too-many-requests-body = درخواست‌های بسیاری در زمانی کوتاه از نشانی شما رسیده است. چند دقیقه صبر کنید و دوباره تلاش کنید.
