### Error pages, in French. Translator context is in en/errors.ftl.

## 404

error-not-found-title = Page introuvable
error-not-found-body = La page que vous cherchez n'existe pas ou a été déplacée. Essayez la page d'accueil ou la recherche du site.
error-go-home = Retour à la page d'accueil

## 400

error-bad-request-title = Requête incorrecte
error-bad-request-body = Nous n'avons pas pu comprendre cette requête. Vérifiez l'adresse et réessayez.

## 414

error-uri-too-long-title = Adresse trop longue
error-uri-too-long-body = Cette adresse web dépasse la longueur acceptée par le site. Vérifiez le lien que vous avez suivi.

## 410

error-gone-title = Page supprimée
error-gone-body = Cette page a été définitivement retirée par la rédaction.

## 500

error-internal-title = Une erreur est survenue
error-internal-body = Une erreur s'est produite de notre côté. Veuillez réessayer dans quelques minutes.

## 405

error-method-not-allowed-title = Requête non autorisée
error-method-not-allowed-body = Cette adresse n'accepte pas ce type de requête.

# The database cannot be reached (503).
error-unavailable-title = Temporairement indisponible
error-unavailable-body = Le site ne parvient pas à accéder à ses données pour le moment. Veuillez réessayer dans quelques minutes.

# 403: the account or address may not do this.
error-forbidden-title = Action non autorisée
error-forbidden-body = Votre compte ou votre adresse ne permet pas cette action. Si c’est une erreur, contactez la rédaction.

# 403: a form sent without the token of its page (CSRF), or an old one.
error-form-token-title = Formulaire expiré
error-form-token-body = Ce formulaire est périmé ou ne vient pas de ce site. Revenez en arrière, rechargez la page et envoyez-le de nouveau.

# 429: too many attempts from one address.
error-too-many-requests-title = Trop de tentatives
error-too-many-requests-body = Trop de requêtes sont venues de votre adresse en peu de temps. Patientez quelques minutes puis réessayez.
