### Error pages, in Chinese (simplified characters). Translator context is in en/errors.ftl.

## 404

error-not-found-title = 找不到该页面
error-not-found-body = 您要找的页面不存在或已被移动。请返回首页，或在站内搜索。
error-go-home = 返回首页

## 400

error-bad-request-title = 请求有误
error-bad-request-body = 我们无法理解此请求。请检查网址后重试。

## 414

error-uri-too-long-title = 网址过长
error-uri-too-long-body = 此网址超出了本站允许的长度。请检查您点击的链接。

## 410

error-gone-title = 页面已删除
error-gone-body = 此页面已被编辑部永久删除。

## 500

error-internal-title = 出错了
error-internal-body = 我们这边出现了错误。请几分钟后再试。

## 405

error-method-not-allowed-title = 不允许的请求
error-method-not-allowed-body = 此网址不接受这种类型的请求。

# The database cannot be reached (503).
error-unavailable-title = 暂时无法访问
error-unavailable-body = 网站目前无法读取数据。请几分钟后再试。

# 403: the account or address may not do this.
error-forbidden-title = 不允许此操作
error-forbidden-body = 您的账户或地址无权执行此操作。如您认为有误，请联系编辑部。

# 403: a form sent without the token of its page (CSRF), or an old one.
error-form-token-title = 表单已过期
error-form-token-body = 此表单已过期或并非来自本站。请返回、刷新页面后重新提交。

# 429: too many attempts from one address.
error-too-many-requests-title = 尝试次数过多
error-too-many-requests-body = 短时间内来自您地址的请求过多。请等待几分钟后再试。
