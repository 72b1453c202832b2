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
