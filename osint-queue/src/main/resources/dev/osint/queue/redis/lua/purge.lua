--[[
  purge: drops every waiting task (in line or scheduled for a retry) of one queue or of all; each becomes
  REVOKED. Running tasks are left alone.

  KEYS[1]  key prefix
  ARGV     queue name ('' for all), error text, result expiry ms, history backlog (0: history off)

  Returns  how many tasks were dropped.
  Events   XADD <prefix>events: one entry per call (per 1024 tasks) holding a task-revoked per task dropped;
           XADD <prefix>history (a copy of each);
           PUBLISH <prefix>ended <parent id> per task dropped that has a parent.
]]
local prefix = KEYS[1]
-- @include common
-- @include history

local only, errorText, expiryMs, backlog = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local now = nowMs()
local dropped = 0
local batch = newBatch()
local names = finalFieldsAnd({})
local function drop(id)
  local t = readForFinal(taskKey(prefix, id), backlog, names)
  if (t.state == 'PENDING' or t.state == 'RETRY') and canMove(t.state, 'REVOKED') then
    finalise(prefix, id, t, 'REVOKED', '', errorText, now, expiryMs, false, batch)
    keepFinished(prefix, t, backlog, batch)
    dropped = dropped + 1
  end
end

for _, queue in ipairs(redis.call('SMEMBERS', prefix .. 'queues')) do
  if only == '' or only == queue then
    for _, priority in ipairs(PRIORITIES) do
      local line = queueKey(prefix, queue, priority)
      for _, id in ipairs(redis.call('LRANGE', line, 0, -1)) do
        drop(id)
      end
      redis.call('DEL', line)
    end
  end
end
local scheduled = prefix .. 'scheduled'
for _, id in ipairs(redis.call('ZRANGE', scheduled, 0, -1)) do
  if only == '' or redis.call('HGET', taskKey(prefix, id), 'queue') == only then
    redis.call('ZREM', scheduled, id)
    drop(id)
  end
end
flushBatch(prefix, batch, now, expiryMs)
flushEvents(prefix)
return dropped
