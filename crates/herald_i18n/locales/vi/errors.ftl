### Error pages, in Vietnamese. Translator context is in en/errors.ftl.

## 404

error-not-found-title = Không tìm thấy trang
error-not-found-body = Trang bạn tìm không tồn tại hoặc đã được chuyển đi nơi khác. Hãy quay về trang chủ hoặc tìm kiếm trên trang.
error-go-home = Về trang chủ

## 400

error-bad-request-title = Yêu cầu không hợp lệ
error-bad-request-body = Chúng tôi không thể xử lý yêu cầu này. Vui lòng kiểm tra lại địa chỉ và thử lại.

## 414

error-uri-too-long-title = Địa chỉ quá dài
error-uri-too-long-body = Địa chỉ trang web này dài hơn mức trang cho phép. Vui lòng kiểm tra lại đường dẫn bạn đã nhấn.

## 410

error-gone-title = Trang đã bị gỡ
error-gone-body = Trang này đã bị tòa soạn gỡ bỏ vĩnh viễn.

## 500

error-internal-title = Đã xảy ra lỗi
error-internal-body = Hệ thống của chúng tôi đang gặp sự cố. Vui lòng thử lại sau ít phút.

## 405

error-method-not-allowed-title = Yêu cầu không được chấp nhận
error-method-not-allowed-body = Địa chỉ này không chấp nhận loại yêu cầu này.

# The database cannot be reached (503).
error-unavailable-title = Tạm thời gián đoạn
error-unavailable-body = Trang web tạm thời không truy cập được dữ liệu. Vui lòng thử lại sau ít phút.

# 403: the account or address may not do this.
error-forbidden-title = Không được phép
error-forbidden-body = Tài khoản hoặc địa chỉ của bạn không được làm việc này. Nếu bạn cho rằng đây là nhầm lẫn, hãy liên hệ tòa soạn.

# 403: a form sent without the token of its page (CSRF), or an old one.
error-form-token-title = Biểu mẫu đã hết hạn
error-form-token-body = Biểu mẫu này đã cũ hoặc không xuất phát từ trang này. Hãy quay lại, tải lại trang và gửi lần nữa.

# 429: too many attempts from one address.
error-too-many-requests-title = Quá nhiều lần thử
error-too-many-requests-body = Có quá nhiều yêu cầu từ địa chỉ của bạn trong thời gian ngắn. Hãy chờ vài phút rồi thử lại.
