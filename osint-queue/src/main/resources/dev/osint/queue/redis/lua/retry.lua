--[[
  retry: puts a running task in RETRY; it waits in the scheduled set until its delay has passed, then the
  next take moves it to the tail of its line.

  KEYS[1]  key prefix
  ARGV     task id, token, delay ms, reason

  Returns  OK (1), LEASE_LOST (-2), or ILLEGAL_MOVE (-8) when the state table (TaskState) forbids the move.
  Events   XADD <prefix>events: an entry holding task-retried.
  Keys     task:<id>, leases, scheduled (zset id -> due ms), stats (retried:<type>), events
]]
local prefix = KEYS[1]
-- @include common

local id, token, delayMs, reason = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
local now = nowMs()
if not holds(prefix, id, token) then
  return LEASE_LOST
end
if not mayMove(prefix, id, 'RETRY') then
  return ILLEGAL_MOVE
end
dropLease(prefix, id)
local key = taskKey(prefix, id)
redis.call('HSET', key, 'state', 'RETRY', 'progress', 0, 'error', reason)
redis.call('HINCRBY', key, 'retries', 1)
redis.call('HDEL', key, 'stage', 'result', 'finished_at')
redis.call('ZADD', prefix .. 'scheduled', now + delayMs, id)
local collector = redis.call('HGET', key, 'type')
if collector and collector ~= '' then
  redis.call('HINCRBY', prefix .. 'stats', 'retried:' .. collector, 1)
end
enter(prefix, id, 'RETRY', 'task-retried', now)
flushEvents(prefix)
return OK
