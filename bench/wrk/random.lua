-- A different published article each time (500 picked at random), uncached.
request = function()
   n = n + 1
   return wrk.format("GET", paths[(n * 7 + tid * 131) % #paths + 1] .. "?r=" .. nonce .. tid .. "x" .. n)
end
