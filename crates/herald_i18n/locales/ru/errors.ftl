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
