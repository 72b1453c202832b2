### Error pages, in Russian. Translator context is in en/errors.ftl.

## 404

error-not-found-title = Страница не найдена
error-not-found-body = Страница, которую вы ищете, не существует или была перемещена. Перейдите на главную или воспользуйтесь поиском по сайту.
error-go-home = Перейти на главную

## 400

error-bad-request-title = Некорректный запрос
error-bad-request-body = Нам не удалось обработать этот запрос. Проверьте адрес и попробуйте ещё раз.

## 414

error-uri-too-long-title = Слишком длинный адрес
error-uri-too-long-body = Этот веб-адрес длиннее, чем допускает сайт. Проверьте ссылку, по которой вы перешли.

## 410

error-gone-title = Страница удалена
error-gone-body = Редакция удалила эту страницу без возможности восстановления.

## 500

error-internal-title = Что-то пошло не так
error-internal-body = На нашей стороне произошла ошибка. Попробуйте ещё раз через несколько минут.

## 405

error-method-not-allowed-title = Запрос не разрешён
error-method-not-allowed-body = Этот адрес не принимает запросы такого типа.

# The database cannot be reached (503).
error-unavailable-title = Временно недоступно
error-unavailable-body = Сайт сейчас не может получить доступ к своим данным. Попробуйте ещё раз через несколько минут.

# 403: the account or address may not do this.
error-forbidden-title = Действие запрещено
error-forbidden-body = Вашей учётной записи или адресу это действие недоступно. Если это ошибка, свяжитесь с редакцией.

# 403: a form sent without the token of its page (CSRF), or an old one.
error-form-token-title = Форма устарела
error-form-token-body = Эта форма устарела или отправлена не с этого сайта. Вернитесь, обновите страницу и отправьте её снова.

# 429: too many attempts from one address.
error-too-many-requests-title = Слишком много попыток
error-too-many-requests-body = С вашего адреса пришло слишком много запросов за короткое время. Подождите несколько минут и попробуйте снова.
