-- wrk -s tests/bench/pages.lua: ask for the paths listed in the file named
-- by BENCH_PAGES (one per line) in turn, round and round: pages that a
-- worker's kept bodies (32 each, 8 workers) cannot all hold, so each one
-- is rendered (make bench's list_paged)
local paths, i = {}, 0
for line in io.lines(os.getenv("BENCH_PAGES")) do paths[#paths + 1] = line end
request = function()
    i = i % #paths + 1
    return wrk.format("GET", paths[i])
end
