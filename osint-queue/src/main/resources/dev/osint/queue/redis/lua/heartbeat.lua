--[[
  heartbeat: a worker reports that it is alive, with its counters. The heartbeat key expires by itself, so a worker
  that died drops out of the list; its last report stays in worker-info until drop_workers announces it offline.

  KEYS[1]  key prefix
  ARGV     worker name, its WorkerInfo (JSON), worker timeout ms

  Returns  1 when the worker is new (or came back after it was dropped), else 0.
  Events   XADD <prefix>events: an entry holding worker-online (new) or worker-heartbeat.
  Keys     worker:<name> (string, PX timeout), workers (set of names), worker-info (hash name -> last report)
]]
local prefix = KEYS[1]
-- @include common

local name, info, timeoutMs = ARGV[1], ARGV[2], ARGV[3]
redis.call('SET', prefix .. 'worker:' .. name, info, 'PX', timeoutMs)
redis.call('HSET', prefix .. 'worker-info', name, info)
local fresh = redis.call('SADD', prefix .. 'workers', name)
local event = 'worker-heartbeat'
if fresh == 1 then
  event = 'worker-online'
end
emitWorker(prefix, name, event, info, nowMs())
flushEvents(prefix)
return fresh
