### Error pages, in Spanish. Translator context is in en/errors.ftl.

## 404

error-not-found-title = Página no encontrada
error-not-found-body = La página que buscas no existe o ha cambiado de dirección. Prueba desde la portada o usa el buscador del sitio.
error-go-home = Ir a la portada

## 400

error-bad-request-title = Solicitud incorrecta
error-bad-request-body = No hemos podido entender esta solicitud. Comprueba la dirección e inténtalo de nuevo.

## 414

error-uri-too-long-title = Dirección demasiado larga
error-uri-too-long-body = Esta dirección web supera la longitud que admite el sitio. Comprueba el enlace que has seguido.

## 410

error-gone-title = Página retirada
error-gone-body = La redacción ha retirado esta página de forma definitiva.

## 500

error-internal-title = Algo ha fallado
error-internal-body = Se ha producido un error por nuestra parte. Inténtalo de nuevo dentro de unos minutos.

## 405

error-method-not-allowed-title = Solicitud no permitida
error-method-not-allowed-body = Esta dirección no admite este tipo de solicitud.

# The database cannot be reached (503).
error-unavailable-title = No disponible temporalmente
error-unavailable-body = En este momento el sitio no puede acceder a sus datos. Inténtalo de nuevo dentro de unos minutos.

# 403: the account or address may not do this.
error-forbidden-title = Acción no permitida
error-forbidden-body = Tu cuenta o tu dirección no puede hacer esto. Si crees que es un error, escribe a la redacción.

# 403: a form sent without the token of its page (CSRF), or an old one.
error-form-token-title = Formulario caducado
error-form-token-body = Este formulario está caducado o no procede de este sitio. Vuelve atrás, recarga la página y envíalo de nuevo.

# 429: too many attempts from one address.
error-too-many-requests-title = Demasiados intentos
error-too-many-requests-body = Han llegado demasiadas solicitudes desde tu dirección en poco tiempo. Espera unos minutos y vuelve a intentarlo.
