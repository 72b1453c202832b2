### Error pages, in Japanese. Translator context is in en/errors.ftl.

## 404

error-not-found-title = ページが見つかりません
error-not-found-body = お探しのページは存在しないか、移動した可能性があります。トップページまたはサイト内検索をお試しください。
error-go-home = トップページへ

## 400

error-bad-request-title = 不正なリクエスト
error-bad-request-body = このリクエストを処理できませんでした。アドレスをご確認のうえ、もう一度お試しください。

## 414

error-uri-too-long-title = アドレスが長すぎます
error-uri-too-long-body = このウェブアドレスは、当サイトで受け付けられる長さを超えています。リンク元をご確認ください。

## 410

error-gone-title = ページは削除されました
error-gone-body = このページは編集部により完全に削除されました。

## 500

error-internal-title = エラーが発生しました
error-internal-body = サーバー側でエラーが発生しました。しばらくしてから、もう一度お試しください。

## 405

error-method-not-allowed-title = 許可されていないリクエスト
error-method-not-allowed-body = このアドレスでは、この種類のリクエストを受け付けていません。

# The database cannot be reached (503).
error-unavailable-title = 一時的にご利用いただけません
error-unavailable-body = 現在、サイトがデータにアクセスできません。しばらくしてから、もう一度お試しください。

# 403: the account or address may not do this.
error-forbidden-title = 許可されていません
error-forbidden-body = このアカウントまたはアドレスでは、この操作はできません。誤りだと思われる場合は編集部にお問い合わせください。

# 403: a form sent without the token of its page (CSRF), or an old one.
error-form-token-title = フォームの有効期限切れ
error-form-token-body = このフォームは古いか、このサイトから送信されたものではありません。戻ってページを再読み込みし、もう一度送信してください。

# 429: too many attempts from one address.
error-too-many-requests-title = 試行回数が多すぎます
error-too-many-requests-body = 短時間にあなたのアドレスから多くのリクエストがありました。数分待ってからもう一度お試しください。
