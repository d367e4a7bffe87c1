-- wrk script of benchmark 3: random stored files, application tokens spread over many clients.
-- Thread t of T sends with tokens t, t+T, t+2T, ... in turn, so every token (one application)
-- gets an equal share of the requests and none reaches Defender's 100 calls per minute.
-- Environment: FILES and TOKENS name files with one SHA-1 / one token a line.

local counter = 0

local function lines(path)
  local list = {}
  for line in io.lines(path) do
    if #line > 0 then list[#list + 1] = line end
  end
  return list
end

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  files = lines(os.getenv("FILES"))
  tokens = lines(os.getenv("TOKENS"))
  threads = tonumber(os.getenv("THREADS"))
  next_token = id + 1
  math.randomseed(1000 + id)
end

function request()
  local path = "/api/files/" .. files[math.random(#files)] .. "/machines"
  local token = tokens[next_token]
  next_token = next_token + threads
  if next_token > #tokens then next_token = id + 1 end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
