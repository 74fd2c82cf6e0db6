-- wrk script: POST /token with an OAuth2 password-grant form, the same body on every request.
--   wrk ... -s bench/post-login.lua http://127.0.0.1:PORT/token -- USERNAME PASSWORD
-- Status counting and the RESULT line come from report.lua beside this file.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local function urlencode(s)
   return (string.gsub(s, "[^%w%-%._~]", function(c)
      return string.format("%%%02X", string.byte(c))
   end))
end

function init(args)
   local username = args[1] or "behai_nguyen@hotmail.com"
   local password = args[2] or "password"
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
   wrk.headers["Accept"] = "application/json"
   wrk.body = "grant_type=password&username=" .. urlencode(username) .. "&password=" .. urlencode(password)
end
