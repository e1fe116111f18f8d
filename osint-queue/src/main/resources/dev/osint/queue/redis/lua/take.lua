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
  Events   XADD <prefix>events task-started per task taken, task-requeued per expired lease reclaimed.
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

local taken = {OK, ms(now)}
local count = 0
for q = 4, #ARGV do
  for _, priority in ipairs(PRIORITIES) do
    local line = queueKey(prefix, ARGV[q], priority)
    while count < most do
      local id = redis.call('LPOP', line)
      if not id then
        break
      end
      local key = taskKey(prefix, id)
      local state = redis.call('HGET', key, 'state')
      -- a task that may not start (revoked, purged, expired) was left in line by nobody: skip it
      if canMove(state, 'STARTED') then
        local token = worker .. ':' .. redis.call('INCR', prefix .. 'lease-seq')
        redis.call('HSET', key, 'state', 'STARTED', 'worker', worker, 'started_at', ms(now), 'progress', 0,
          'token', token)
        redis.call('HDEL', key, 'stage', 'result', 'error', 'finished_at')
        redis.call('ZADD', prefix .. 'leases', now + leaseMs, id)
        enter(prefix, id, 'STARTED', 'task-started', now)
        local fields = redis.call('HMGET', key, 'definition', 'retries')
        taken[#taken + 1] = token
        taken[#taken + 1] = fields[1]
        taken[#taken + 1] = fields[2]
        count = count + 1
      end
    end
  end
end
if count > 0 then
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
return {EMPTY, nextAt}
