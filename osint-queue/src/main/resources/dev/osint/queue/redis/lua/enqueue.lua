--[[
  enqueue: stores new PENDING tasks, indexes them by creation time and puts each at the tail of its line.

  KEYS[1]  key prefix, e.g. "{osint}:"
  ARGV     groups of 8, one per task: id, definition (JSON), queue, priority (high|normal|low), collector type,
           target value, creation time (ms), owner ('' for none)

  Returns  one code per task: OK (1), or DUPLICATE (-3) when the id exists already: a command replayed
           after a reconnect must not queue the same task twice.
  Events   PUBLISH <prefix>ready <queue> when a line goes from empty to non-empty;
           XADD <prefix>events task-submitted, per task.
  Keys     task:<id> (hash), queue:<queue>:<priority> (list), queues (set of queue names),
           tasks (zset id -> creation ms: the task index), events (stream),
           owner:<owner>:unfinished (zset id -> ms; admit.lua may have put the id there already),
           admitted (zset: admit.lua's place for the id in the queue's length, which the queued task now holds)
]]
local prefix = KEYS[1]
-- @include common

local now = nowMs()
local codes = {}
for i = 1, #ARGV, 8 do
  local id, definition, queue, priority = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local collector, target, createdMs, owner = ARGV[i + 4], ARGV[i + 5], ARGV[i + 6], ARGV[i + 7]
  local key = taskKey(prefix, id)
  redis.call('ZREM', prefix .. 'admitted', id)
  if redis.call('EXISTS', key) == 1 then
    codes[#codes + 1] = DUPLICATE
  else
    redis.call('HSET', key, 'definition', definition, 'queue', queue, 'priority', priority,
      'state', 'PENDING', 'progress', 0, 'retries', 0, 'type', collector, 'target', target,
      'history', 'PENDING@' .. createdMs)
    redis.call('ZADD', prefix .. 'tasks', createdMs, id)
    if owner ~= '' then
      redis.call('HSET', key, 'owner', owner)
      redis.call('ZADD', ownerKey(prefix, owner), 'NX', now, id)
    end
    redis.call('SADD', prefix .. 'queues', queue)
    pushReady(prefix, id, false)
    emitTask(prefix, id, 'task-submitted', now)
    codes[#codes + 1] = OK
  end
end
return codes
