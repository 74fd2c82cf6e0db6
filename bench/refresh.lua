-- wrk script: POST /token with grant_type=refresh_token, carrying each answer's new refresh token
-- into a later request. Every use rotates the token and presenting a used one would revoke its
-- family, so each token is in flight on one connection at a time: a queue per wrk thread, split
-- from the tokens given (at least as many per thread as it has connections).
--   wrk -t2 -c32 ... -s bench/refresh.lua http://127.0.0.1:PORT/token -- THREADS TOKEN...
-- Status counting and the RESULT line come from report.lua beside this file.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local count = response
local collect = setup
local queue = {}
local started = 0

function setup(thread)
   collect(thread)
   thread:set("thread_index", started)
   started = started + 1
end

function init(args)
   local n = tonumber(args[1])
   for i = 2, #args do
      if (i - 2) % n == thread_index then
         queue[#queue + 1] = args[i]
      end
   end
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
   wrk.headers["Accept"] = "application/json"
end

function request()
   -- An empty queue (a refused refresh lost its token) sends one that is refused: counted, not hidden.
   local token = table.remove(queue, 1) or "none"
   return wrk.format(nil, nil, nil, "grant_type=refresh_token&refresh_token=" .. token)
end

function response(status, headers, body)
   count(status, headers, body)
   local token = body:match('"refresh_token":"([^"]+)"')
   if token then
      queue[#queue + 1] = token
   end
end
