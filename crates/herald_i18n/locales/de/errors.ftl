### Error pages, in German. Translator context is in en/errors.ftl.

## 404

error-not-found-title = Seite nicht gefunden
error-not-found-body = Die gesuchte Seite existiert nicht oder wurde verschoben. Versuchen Sie es über die Startseite oder die Suche.
error-go-home = Zur Startseite

## 400

error-bad-request-title = Ungültige Anfrage
error-bad-request-body = Diese Anfrage konnten wir nicht verarbeiten. Bitte prüfen Sie die Adresse und versuchen Sie es erneut.

## 414

error-uri-too-long-title = Adresse zu lang
error-uri-too-long-body = Diese Webadresse ist länger, als die Website zulässt. Bitte prüfen Sie den Link, dem Sie gefolgt sind.

## 410

error-gone-title = Seite entfernt
error-gone-body = Die Redaktion hat diese Seite dauerhaft entfernt.

## 500

error-internal-title = Etwas ist schiefgelaufen
error-internal-body = Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es in einigen Minuten erneut.

## 405

error-method-not-allowed-title = Anfrage nicht zulässig
error-method-not-allowed-body = Diese Adresse nimmt Anfragen dieser Art nicht an.

# The database cannot be reached (503).
error-unavailable-title = Vorübergehend nicht verfügbar
error-unavailable-body = Die Website kann ihre Daten derzeit nicht abrufen. Bitte versuchen Sie es in einigen Minuten erneut.

# 403: the account or address may not do this.
error-forbidden-title = Nicht erlaubt
error-forbidden-body = Ihr Konto oder Ihre Adresse darf dies nicht tun. Wenn Sie das für einen Fehler halten, wenden Sie sich an die Redaktion.

# 403: a form sent without the token of its page (CSRF), or an old one.
error-form-token-title = Formular abgelaufen
error-form-token-body = Dieses Formular ist veraltet oder stammt nicht von dieser Website. Gehen Sie zurück, laden Sie die Seite neu und senden Sie es erneut.

# 429: too many attempts from one address.
error-too-many-requests-title = Zu viele Versuche
error-too-many-requests-body = Von Ihrer Adresse kamen in kurzer Zeit zu viele Anfragen. Warten Sie einige Minuten und versuchen Sie es erneut.
