-- The mixed load of scripts/bench/load.sh, for wrk: 90 % page views spread over every team's
-- heatmap and team page and every person's page, 10 % assessments recorded through the JSON
-- API (POST /api/v1/people/{id}/assessments, one level at a time).
--
--   wrk ... -s mixed.lua URL -- DIR TOKEN
--
-- DIR holds teams.txt and people.txt (one id a line) and pairs.txt ("person skill" a line: a
-- person and a skill of their framework on the 1 to 4 scale). Every answer's status is checked
-- by wrk (anything but 2xx is an error); every answer is also checked here for what it must
-- hold (a whole page with its heading, or the new assessment's id), and the acknowledged writes
-- are counted so the caller can find every one of them in the database.

local teams, people, pairs, token

local function lines(path)
  local list = {}
  for line in io.lines(path) do list[#list + 1] = line end
  assert(#list > 0, path .. " is empty")
  return list
end

local threads = {}
function setup(thread)
  thread:set("number", #threads + 1)
  threads[#threads + 1] = thread
end

function init(args)
  local dir = args[1]
  token = "Bearer " .. args[2]
  teams, people, pairs = lines(dir .. "/teams.txt"), lines(dir .. "/people.txt"), lines(dir .. "/pairs.txt")
  math.randomseed(os.time() * 1000 + number)
  views, writes, wrong = 0, 0, 0
  first_wrong = ""
end

local function pick(list) return list[math.random(#list)] end

function request()
  local roll = math.random(100)
  if roll <= 10 then
    local person, skill = pick(pairs):match("^(%d+) (%d+)$")
    local body = string.format('{"source":"lead","evidence":"load test","levels":[{"skill_id":%s,"level":%d}]}',
      skill, math.random(4))
    return wrk.format("POST", "/api/v1/people/" .. person .. "/assessments",
      { ["Authorization"] = token, ["Content-Type"] = "application/json" }, body)
  end
  local path
  if roll <= 40 then
    path = "/teams/" .. pick(teams) .. "/heatmap"
  elseif roll <= 70 then
    path = "/teams/" .. pick(teams)
  else
    path = "/people/" .. pick(people)
  end
  return wrk.format("GET", path, { ["Authorization"] = token, ["Accept-Encoding"] = "identity" })
end

function response(status, headers, body)
  local ok
  if status == 201 then
    writes = writes + 1
    ok = body:find('^{"ids":%[%d+%]}') ~= nil
  elseif status == 200 then
    views = views + 1
    ok = body:find("<h1", 1, true) ~= nil and body:find("</html>", 1, true) ~= nil
  else
    ok = false
  end
  if not ok then
    wrong = wrong + 1
    if first_wrong == "" then first_wrong = status .. " " .. body:sub(1, 200):gsub("%s+", " ") end
  end
end

function done(summary, latency, requests)
  local v, w, x, first = 0, 0, 0, ""
  for _, thread in ipairs(threads) do
    v, w, x = v + thread:get("views"), w + thread:get("writes"), x + thread:get("wrong")
    if first == "" then first = thread:get("first_wrong") end
  end
  io.write(string.format("mixed: views %d writes %d wrong %d\n", v, w, x))
  if first ~= "" then io.write("mixed: first wrong answer: " .. first .. "\n") end
end
