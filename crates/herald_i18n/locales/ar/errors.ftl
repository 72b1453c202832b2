### Error pages, in Arabic. Translator context is in en/errors.ftl.

## 404

error-not-found-title = الصفحة غير موجودة
error-not-found-body = الصفحة التي تبحث عنها غير موجودة أو نُقلت إلى عنوان آخر. جرّب الصفحة الرئيسية أو ابحث في الموقع.
error-go-home = العودة إلى الصفحة الرئيسية

## 400

error-bad-request-title = طلب غير صالح
error-bad-request-body = تعذّر علينا فهم هذا الطلب. تحقّق من العنوان وحاول مرة أخرى.

## 414

error-uri-too-long-title = العنوان طويل جدًا
error-uri-too-long-body = عنوان الويب هذا أطول مما يقبله الموقع. تحقّق من الرابط الذي اتبعته.

## 410

error-gone-title = أُزيلت الصفحة
error-gone-body = أزالت هيئة التحرير هذه الصفحة نهائيًا.

## 500

error-internal-title = حدث خطأ ما
error-internal-body = حدث خطأ من جهتنا. يُرجى المحاولة مرة أخرى بعد بضع دقائق.

## 405

error-method-not-allowed-title = الطلب غير مسموح به
error-method-not-allowed-body = لا يقبل هذا العنوان هذا النوع من الطلبات.

# The database cannot be reached (503).
error-unavailable-title = غير متاح مؤقتًا
error-unavailable-body = يتعذّر على الموقع الوصول إلى بياناته حاليًا. يُرجى المحاولة مرة أخرى بعد بضع دقائق.

# 403: the account or address may not do this.
error-forbidden-title = غير مسموح
error-forbidden-body = لا يُسمح لحسابك أو لعنوانك بهذا الإجراء. إن كنت تظن أن في ذلك خطأ فتواصل مع غرفة الأخبار.

# 403: a form sent without the token of its page (CSRF), or an old one.
error-form-token-title = انتهت صلاحية النموذج
error-form-token-body = هذا النموذج قديم أو لم يأتِ من هذا الموقع. ارجع وأعد تحميل الصفحة ثم أرسله مرة أخرى.

# 429: too many attempts from one address.
error-too-many-requests-title = محاولات كثيرة جدًا
error-too-many-requests-body = وصلت طلبات كثيرة من عنوانك في وقت قصير. انتظر بضع دقائق ثم حاول مرة أخرى.
