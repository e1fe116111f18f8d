--[[
  release: a worker hands a running task back (warm shutdown): PENDING, at the head of its line.

  KEYS[1]  key prefix
  ARGV     task id, token

  Returns  OK (1), LEASE_LOST (-2), or ILLEGAL_MOVE (-8) when the state table (TaskState) forbids the move.
  Events   PUBLISH <prefix>ready <queue> when the line was empty; XADD <prefix>events: an entry
           holding task-requeued.
]]
local prefix = KEYS[1]
-- @include common

local id, token = ARGV[1], ARGV[2]
if not holds(prefix, id, token) then
  return LEASE_LOST
end
if not mayMove(prefix, id, 'PENDING') then
  return ILLEGAL_MOVE
end
dropLease(prefix, id)
redis.call('HSET', taskKey(prefix, id), 'state', 'PENDING')
enter(prefix, id, 'PENDING', 'task-requeued', nowMs())
pushReady(prefix, id, true)
flushEvents(prefix)
return OK
