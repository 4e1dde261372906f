-- A reader posting a comment: CSRF cookie and token fetched once, a new text each time
-- (the duplicate detector would answer the same text with the first comment).
wrk.method = "POST"
wrk.headers["Cookie"] = cookie
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
request = function()
   n = n + 1
   local body = "csrfmiddlewaretoken=" .. token
      .. "&author_name=Lecteur+de+charge&author_email=" .. email
      .. "&body=Commentaire+de+charge+" .. nonce .. tid .. "-" .. n
      .. "+%3A+merci+pour+cet+article%2C+tr%C3%A8s+clair+sur+les+enjeux."
      .. "&captcha=bench-token&website="
   return wrk.format("POST", path, nil, body)
end
