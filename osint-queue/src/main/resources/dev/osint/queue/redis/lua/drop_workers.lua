--[[
  drop_workers: forgets workers whose heartbeat key is gone (it expired: the worker died or was cut off; or the
  worker deleted it on a clean stop) and announces each offline, exactly once however many processes ask.

  KEYS[1]  key prefix
  ARGV     (none)

  Returns  the names dropped.
  Events   XADD <prefix>events: one entry holding a worker-offline per worker dropped, with its last report.
  Keys     workers, worker:<name>, worker-info
]]
local prefix = KEYS[1]
-- @include common

local now = nowMs()
local dropped = {}
for _, name in ipairs(redis.call('SMEMBERS', prefix .. 'workers')) do
  if redis.call('EXISTS', prefix .. 'worker:' .. name) == 0 then
    redis.call('SREM', prefix .. 'workers', name)
    local info = redis.call('HGET', prefix .. 'worker-info', name) or ''
    redis.call('HDEL', prefix .. 'worker-info', name)
    emitWorker(prefix, name, 'worker-offline', info, now)
    dropped[#dropped + 1] = name
  end
end
flushEvents(prefix)
return dropped
