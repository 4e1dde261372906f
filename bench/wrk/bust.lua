-- The same page with a unique query string each time, so that no cache can answer.
request = function()
   n = n + 1
   return wrk.format("GET", path .. sep .. "r=" .. nonce .. tid .. "x" .. n)
end
