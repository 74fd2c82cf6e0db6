-- wrk script: PUT /employees/{emp_no} of the caller's own record on ONE connection, carrying each
-- answer's ETag into the next If-Match (every save moves the record's version, so a fixed
-- If-Match would be 412 from the second request on).
--   wrk -t1 -c1 ... -s bench/put-own.lua http://127.0.0.1:PORT/employees/EMP_NO -- TOKEN ETAG JSON-BODY
-- Status counting and the RESULT line come from report.lua beside this file.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local count = response
local etag

function init(args)
   wrk.method = "PUT"
   wrk.headers["Authorization"] = "Bearer " .. args[1]
   wrk.headers["Content-Type"] = "application/json"
   wrk.headers["Accept"] = "application/json"
   etag = args[2]
   wrk.body = args[3]
end

function request()
   wrk.headers["If-Match"] = etag
   return wrk.format()
end

function response(status, headers, body)
   count(status, headers, body)
   local tag = headers["ETag"] or headers["etag"]
   if tag then
      etag = tag
   end
end
