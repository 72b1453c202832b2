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
