--[[
  enqueue: stores new PENDING tasks, indexes them by creation time and puts each at the tail of its line.

  KEYS[1]  key prefix, e.g. "{osint}:"
  ARGV     groups of 9, one per task: id, definition (JSON), queue, priority (high|normal|low), collector type,
           target value, creation time (ms), owner ('' for none), parent task id ('' for none: finalise tells
           the parent when its child ends)

  Returns  one code per task: OK (1), or DUPLICATE (-3) when the id exists already: a command replayed
           after a reconnect must not queue the same task twice.
  Events   PUBLISH <prefix>ready <queue> when a line goes from empty to non-empty;
           XADD <prefix>events: one entry per call (per 1024 tasks) holding a task-submitted per task.
  Cost     per task: EXISTS, HSET (ZADD for an owner); per call: ZREM admitted, one RPUSH per line,
           ZADD tasks, SADD per queue, XADD events.
  Keys     task:<id> (hash), queue:<queue>:<priority> (list), queues (set of queue names),
           tasks (zset id -> creation ms: the task index), events (stream),
           owner:<owner>:unfinished (zset id -> ms; admit.lua may have put the id there already),
           admitted (zset: admit.lua's place for the id in the queue's length, which the queued task now holds)
]]
local prefix = KEYS[1]
-- @include common
-- @include enqueue

local now = nowMs()
local codes = {}
local e = newEnqueues()
for i = 1, #ARGV, 9 do
  codes[#codes + 1] = enqueueOne(prefix, now, e, false, ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3],
    ARGV[i + 4], ARGV[i + 5], ARGV[i + 6], ARGV[i + 7], ARGV[i + 8])
end
flushEnqueues(prefix, e)
flushEvents(prefix)
return codes
