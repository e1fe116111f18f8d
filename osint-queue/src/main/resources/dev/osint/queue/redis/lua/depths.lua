--[[
  depths: how many tasks wait in each known queue, due retries included (they are promoted first). Also drops
  expired tasks from the task index, so an API that only reads keeps the index bounded too.

  KEYS[1]  key prefix
  ARGV     (none)

  Returns  a flat list: queue name, depth, queue name, depth, …
]]
local prefix = KEYS[1]
-- @include common
-- @include due

local now = nowMs()
promoteDue(prefix, now)
forgetExpired(prefix, now)
local depths = {}
for _, queue in ipairs(redis.call('SMEMBERS', prefix .. 'queues')) do
  local depth = 0
  for _, priority in ipairs(PRIORITIES) do
    depth = depth + redis.call('LLEN', queueKey(prefix, queue, priority))
  end
  depths[#depths + 1] = queue
  depths[#depths + 1] = depth
end
return depths
