-- wrk script of reports/serve-load.md: each request takes the next path of
-- the file named by the PATHS environment variable (one path a line), so a
-- run spreads over many stories, queries and pages instead of one cached URL.
local paths = {}

init = function(args)
  local file = assert(io.open(os.getenv("PATHS")))
  for line in file:lines() do
    if #line > 0 then paths[#paths + 1] = line end
  end
  file:close()
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
end

request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
