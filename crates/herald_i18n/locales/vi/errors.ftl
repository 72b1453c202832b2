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
