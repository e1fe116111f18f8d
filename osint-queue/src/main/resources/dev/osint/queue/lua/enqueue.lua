--[[
  enqueue: stores new PENDING tasks and puts each at the tail of its line.

  KEYS[1]  key prefix, e.g. "{osint}:"
  ARGV     groups of 5, one per task: id, definition (JSON), queue, priority (high|normal|low), owner ('' for none)

  Returns  one code per task: OK (1), or DUPLICATE (-3) when the id exists already: a command replayed
           after a reconnect must not queue the same task twice.
  Events   PUBLISH <prefix>ready <queue> when a line goes from empty to non-empty.
  Keys     task:<id> (hash), queue:<queue>:<priority> (list), queues (set of queue names),
           owner:<owner>:unfinished (zset id -> ms; admit.lua may have put the id there already)
]]
local prefix = KEYS[1]
-- @include common

local codes = {}
local now
for i = 1, #ARGV, 5 do
  local id, definition, queue, priority, owner = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
  local key = taskKey(prefix, id)
  if redis.call('EXISTS', key) == 1 then
    codes[#codes + 1] = DUPLICATE
  else
    redis.call('HSET', key, 'definition', definition, 'queue', queue, 'priority', priority,
      'state', 'PENDING', 'progress', 0, 'retries', 0)
    if owner ~= '' then
      now = now or nowMs()
      redis.call('HSET', key, 'owner', owner)
      redis.call('ZADD', ownerKey(prefix, owner), 'NX', now, id)
    end
    redis.call('SADD', prefix .. 'queues', queue)
    pushReady(prefix, id, false)
    codes[#codes + 1] = OK
  end
end
return codes
