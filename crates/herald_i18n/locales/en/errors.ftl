### Error pages, in English. Each error has a title (the page heading and <title>) and a body
### (one or two sentences under it). The ids follow the stable error codes of the web crate.

## 404: the address names nothing on this site.

error-not-found-title = Page not found
error-not-found-body = The page you are looking for does not exist or has moved. Try the home page or search the site.
# Link from any error page back to the home page of the reader's language.
error-go-home = Go to the home page

## 400: the request could not be understood (a malformed address or form).

error-bad-request-title = Bad request
error-bad-request-body = We could not understand this request. Check the address and try again.

## 414: the address is longer than the site accepts.

error-uri-too-long-title = Address too long
error-uri-too-long-body = This web address is longer than the site accepts. Check the link you followed.

## 410: the page existed but the newsroom withdrew it for good.

error-gone-title = Page removed
error-gone-body = This page has been permanently removed by the newsroom.

## 500: something broke on the server; the reader can only wait and retry.

error-internal-title = Something went wrong
error-internal-body = An error occurred on our side. Please try again in a few minutes.

## 405: the address exists but not for this kind of request (e.g. a form sent to a page).

error-method-not-allowed-title = Request not allowed
error-method-not-allowed-body = This address does not accept this kind of request.

# The database cannot be reached (503).
error-unavailable-title = Temporarily unavailable
error-unavailable-body = The site cannot reach its data right now. Please try again in a few minutes.

# 403: the account or address may not do this.
error-forbidden-title = Not allowed
error-forbidden-body = Your account or address may not do this. If you think it should, ask the newsroom.

# 403: a form sent without the token of its page (CSRF), or an old one.
error-form-token-title = Form expired
error-form-token-body = This form is out of date or did not come from this site. Go back, reload the page and send it again.

# 429: too many attempts from one address.
error-too-many-requests-title = Too many attempts
error-too-many-requests-body = Too many requests came from your address in a short time. Wait a few minutes and try again.
