-- The same URL every time: what a cold visitor gets (served from the page cache if any).
request = function()
   return wrk.format("GET", path)
end
