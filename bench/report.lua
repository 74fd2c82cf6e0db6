-- wrk script: counts the status codes of the responses per thread and, when wrk is done,
-- prints one machine-readable line for bench/run.sh:
--   RESULT requests=… duration_s=… rps=… p50=… p90=… p99=… max=… non2xx=… connect=… read=… write=… timeout=… statuses=200:…,400:…
-- Latencies are in milliseconds (wrk measures microseconds). non2xx counts responses whose
-- status is not 2xx or 3xx. Used as is for the GET scenarios (headers come from wrk -H);
-- post-login.lua loads it too.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

-- One table per thread (each wrk thread runs its own Lua state); done() gathers them.
statuses = {}

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local merged, codes, non2xx = {}, {}, 0
   for _, thread in ipairs(threads) do
      local counts = thread:get("statuses") or {}
      for status, n in pairs(counts) do
         if merged[status] == nil then
            table.insert(codes, status)
         end
         merged[status] = (merged[status] or 0) + n
      end
   end
   table.sort(codes)
   local parts = {}
   for _, status in ipairs(codes) do
      table.insert(parts, string.format("%d:%d", status, merged[status]))
      if status < 200 or status > 399 then
         non2xx = non2xx + merged[status]
      end
   end

   local seconds = summary.duration / 1e6
   local rps = 0
   if seconds > 0 then
      rps = summary.requests / seconds
   end
   local e = summary.errors
   io.write(string.format(
      "RESULT requests=%d duration_s=%.3f rps=%.2f p50=%.3f p90=%.3f p99=%.3f max=%.3f non2xx=%d connect=%d read=%d write=%d timeout=%d wrkstatus=%d statuses=%s\n",
      summary.requests, seconds, rps,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, non2xx, e.connect, e.read, e.write, e.timeout, e.status,
      (#parts > 0) and table.concat(parts, ",") or "none"))
end
