-- A logged-in editor's admin page (session and CSRF cookies from bench/drive.py).
wrk.headers["Cookie"] = cookie
request = function()
   return wrk.format("GET", path)
end
