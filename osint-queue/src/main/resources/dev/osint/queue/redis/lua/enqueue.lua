--[[
  enqueue: stores new PENDING tasks, indexes them by creation time and puts each at the tail of its line.

  KEYS[1]  key prefix, e.g. "{osint}:"
  ARGV     groups of 9, one per task: id, definition (JSON), queue, priority (high|normal|low), collector type,
           target value, creation time (ms), owner ('' for none), parent task id ('' for none: finalise tells
           the parent when its child ends)

  Returns  one code per task: OK (1), or DUPLICATE (-3) when the id exists already: a command replayed
           after a reconnect must not queue the same task twice.
  Events   PUBLISH <prefix>ready <queue> when a line goes from empty to non-empty;
           XADD <prefix>events task-submitted, per task.
  Cost     per task: EXISTS, HSET, RPUSH, XADD (ZADD for an owner); per call: ZADD tasks, SADD per queue.
  Keys     task:<id> (hash), queue:<queue>:<priority> (list), queues (set of queue names),
           tasks (zset id -> creation ms: the task index), events (stream),
           owner:<owner>:unfinished (zset id -> ms; admit.lua may have put the id there already),
           admitted (zset: admit.lua's place for the id in the queue's length, which the queued task now holds)
]]
local prefix = KEYS[1]
-- @include common

local now = nowMs()
local codes = {}
local indexed, queues = {}, {}
for i = 1, #ARGV, 9 do
  local id, definition, queue, priority = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local collector, target, createdMs, owner, parent = ARGV[i + 4], ARGV[i + 5], ARGV[i + 6], ARGV[i + 7], ARGV[i + 8]
  local key = taskKey(prefix, id)
  redis.call('ZREM', prefix .. 'admitted', id)
  if redis.call('EXISTS', key) == 1 then
    codes[#codes + 1] = DUPLICATE
  else
    local fields = {'definition', definition, 'queue', queue, 'priority', priority, 'state', 'PENDING',
      'progress', 0, 'retries', 0, 'type', collector, 'target', target, 'history', 'PENDING@' .. createdMs}
    if owner ~= '' then
      fields[#fields + 1] = 'owner'
      fields[#fields + 1] = owner
      redis.call('ZADD', ownerKey(prefix, owner), 'NX', now, id)
    end
    if parent ~= '' then
      fields[#fields + 1] = 'parent'
      fields[#fields + 1] = parent
    end
    redis.call('HSET', key, unpack(fields))
    indexed[#indexed + 1] = createdMs
    indexed[#indexed + 1] = id
    queues[queue] = true
    pushReady(prefix, id, false, queue, priority)
    emit(prefix, id, 'task-submitted', now, {type = collector, target = target, state = 'PENDING', progress = '0',
      retries = '0'})
    codes[#codes + 1] = OK
  end
end
callForAll('ZADD', prefix .. 'tasks', indexed)
for queue in pairs(queues) do
  redis.call('SADD', prefix .. 'queues', queue)
end
return codes
