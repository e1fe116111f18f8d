--[[
  take: hands up to N waiting tasks to one worker, each under a new lease (state STARTED).
  First promotes due retries and reclaims expired leases, so whichever worker asks next does the sweep.

  KEYS[1]  key prefix
  ARGV[1]  worker name
  ARGV[2]  lease length, ms
  ARGV[3]  most tasks to take
  ARGV[4…] queue names, in the order the worker serves them; within a queue high, normal, low

  Returns  {OK, started_at ms, token, definition, retries, token, definition, retries, …}: three values per
           task, flat, as little as the worker needs (the rest of a taken task is known: STARTED, progress 0,
           this worker); or {EMPTY, ms until the next retry is due or lease expires (-1: none)}.
  Events   XADD <prefix>events: one entry per call (per 1024 events) holding a task-started per task taken and a
           task-requeued per expired lease reclaimed.
  Cost     per task: HMGET, HSET (HDEL for a task that ran before); per call: one LPOP per line looked at (with a
           count: Redis 6.2 or later), INCRBY, ZADD leases, XADD events.
  Keys     task:<id>, queue:<q>:<p>, leases (zset id -> expiry ms), scheduled (zset id -> due ms),
           lease-seq (counter for tokens "worker:n"), tasks and expiries (the task index and when its entries
           expire), events (stream)
]]
local prefix = KEYS[1]
-- @include common
-- @include due

local worker, leaseMs, most = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local now = nowMs()
promoteDue(prefix, now)
reclaimExpired(prefix, now)
forgetExpired(prefix, now)

local TAKE_FIELDS = {'state', 'definition', 'retries', 'history', 'type', 'target'}
local ids, tasks, seen = {}, {}, {}
for q = 4, #ARGV do
  for _, priority in ipairs(PRIORITIES) do
    local line = queueKey(prefix, ARGV[q], priority)
    -- as many as are still wanted in one LPOP; skipped ones leave room for another round
    while #ids < most do
      local popped = redis.call('LPOP', line, most - #ids)
      if not popped then
        break
      end
      for _, id in ipairs(popped) do
        local key = taskKey(prefix, id)
        local t = readFields(key, TAKE_FIELDS)
        t.key = key
        -- a task that may not start (revoked, purged, expired) was left in line by nobody: skip it; and a task
        -- never goes to the same worker twice in one take
        if canMove(t.state, 'STARTED') and not seen[id] then
          seen[id] = true
          ids[#ids + 1] = id
          tasks[#tasks + 1] = t
        end
      end
    end
  end
end

if #ids > 0 then
  local startedAt = ms(now)
  local taken = {OK, startedAt}
  -- one counter step per call: tokens stay "worker:n", n unique
  local firstSeq = redis.call('INCRBY', prefix .. 'lease-seq', #ids) - #ids
  local leases = {}
  local leaseEnd = ms(now + leaseMs)
  for i, id in ipairs(ids) do
    local t = tasks[i]
    local key = t.key
    local token = worker .. ':' .. (firstSeq + i)
    redis.call('HSET', key, 'state', 'STARTED', 'worker', worker, 'started_at', startedAt, 'progress', '0',
      'token', token, 'history', grownHistory(t.history, 'STARTED', now))
    -- only a task that ran before (retried, reclaimed, handed back) can carry what its last run left
    if not t.history or string.find(t.history, ',', 1, true) then
      redis.call('HDEL', key, 'stage', 'result', 'error', 'finished_at')
    end
    emit(prefix, id, 'task-started', now, {type = t.type, target = t.target, state = 'STARTED', progress = '0',
      worker = worker, retries = t.retries})
    leases[#leases + 1] = leaseEnd
    leases[#leases + 1] = id
    taken[#taken + 1] = token
    taken[#taken + 1] = t.definition
    taken[#taken + 1] = t.retries
  end
  callForAll('ZADD', prefix .. 'leases', leases)
  flushEvents(prefix)
  return taken
end

local nextAt = -1
for _, set in ipairs({'scheduled', 'leases'}) do
  local first = redis.call('ZRANGE', prefix .. set, 0, 0, 'WITHSCORES')
  if first[2] then
    local at = tonumber(first[2])
    if nextAt < 0 or at < nextAt then
      nextAt = at
    end
  end
end
if nextAt >= 0 then
  nextAt = math.max(0, nextAt - now)
end
flushEvents(prefix) -- leases reclaimed
return {EMPTY, nextAt}
