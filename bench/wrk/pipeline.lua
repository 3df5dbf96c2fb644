-- SPDX-License-Identifier: Apache-2.0
--
-- HTTP/1.1 pipelining for wrk: each write carries DEPTH requests for the URL's
-- path (default 16), and wrk counts every response that comes back, so
-- requests/s is responses/s. Usage:
--   wrk -t1 -c100 -d5s -s bench/wrk/pipeline.lua http://127.0.0.1:8080/plaintext -- 16

init = function(args)
    local depth = tonumber(args[1]) or 16
    local r = {}
    for i = 1, depth do
        r[i] = wrk.format(nil) -- GET of wrk.path with wrk.headers, as wrk would send it alone
    end
    req = table.concat(r)
end

request = function()
    return req
end
