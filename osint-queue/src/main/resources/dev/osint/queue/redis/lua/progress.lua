--[[
  progress: records how far a running task got (state PROCESSING).

  KEYS[1]  key prefix
  ARGV     task id, token, percent (0-100), stage ('' for none)

  Returns  OK (1), LEASE_LOST (-2), or ILLEGAL_MOVE (-8) when the state table (TaskState) forbids the move.
  Events   XADD <prefix>events task-progress. The history gains PROCESSING only on the first update.
]]
local prefix = KEYS[1]
-- @include common

local id, token, percent, stage = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
if not holds(prefix, id, token) then
  return LEASE_LOST
end
if not mayMove(prefix, id, 'PROCESSING') then
  return ILLEGAL_MOVE
end
local key = taskKey(prefix, id)
local now = nowMs()
local was = redis.call('HGET', key, 'state')
redis.call('HSET', key, 'state', 'PROCESSING', 'progress', percent)
if stage == '' then
  redis.call('HDEL', key, 'stage')
else
  redis.call('HSET', key, 'stage', stage)
end
if was ~= 'PROCESSING' then
  addHistory(key, 'PROCESSING', now)
end
emitTask(prefix, id, 'task-progress', now)
return OK
