--[[
  admit: may one owner (an API key, or a client address) queue one more task? Checks, in this order, the
  queue's length, the owner's unfinished tasks and the owner's submissions a minute; only an admitted
  submission spends a token. When admitted, the task id takes its place among the owner's unfinished tasks
  and, until enqueue.lua queues it, among the queue's admitted ids, at once: API processes admitting at the
  same moment never go past either limit together.

  KEYS[1]  key prefix
  ARGV     owner, task id, submissions a minute (0: off), unfinished tasks at once (0: off),
           unfinished tasks of everybody (0: off)

  Returns  {OK}, {QUEUE_FULL (-5)}, {TOO_MANY_UNFINISHED (-6)}, or {TOO_MANY_SUBMITS (-7), ms to wait}.
  Keys     owner:<owner>:unfinished (zset id -> ms), rate:submit:<owner> (bucket), queue:<q>:<p>, scheduled,
           leases, admitted (zset id -> ms: admitted, not yet queued; enqueue.lua takes an id out)
]]
local prefix = KEYS[1]
-- @include common
-- @include bucket

-- An id admitted this long ago that still has no task record was never enqueued (its API process died in
-- between): it no longer holds a place.
local RESERVATION_MS = 60000
-- At the limit, this many of the owner's oldest entries are checked against their records.
local SWEEP_BATCH = 100

local owner, id = ARGV[1], ARGV[2]
local perMinute, maxQueued, maxLength = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local now = nowMs()

-- Waiting in line, waiting for a retry, or running: every task that is not final.
local function unfinishedTasks()
  local count = redis.call('ZCARD', prefix .. 'scheduled') + redis.call('ZCARD', prefix .. 'leases')
  for _, queue in ipairs(redis.call('SMEMBERS', prefix .. 'queues')) do
    for _, priority in ipairs(PRIORITIES) do
      count = count + redis.call('LLEN', queueKey(prefix, queue, priority))
    end
  end
  return count
end

-- finalise takes every ended task out of its owner's set; this drops what no path could: a record that
-- vanished (expired, evicted or deleted by hand) and an admitted id that was never enqueued.
local function sweep(unfinished)
  local removed = 0
  local oldest = redis.call('ZRANGE', unfinished, 0, SWEEP_BATCH - 1, 'WITHSCORES')
  for i = 1, #oldest, 2 do
    local member, since = oldest[i], tonumber(oldest[i + 1])
    local state = redis.call('HGET', taskKey(prefix, member), 'state')
    if (state and FINAL[state]) or (not state and since < now - RESERVATION_MS) then
      redis.call('ZREM', unfinished, member)
      removed = removed + 1
    end
  end
  return removed
end

local admitted = prefix .. 'admitted'
if maxLength > 0 then
  redis.call('ZREMRANGEBYSCORE', admitted, '-inf', now - RESERVATION_MS)
  if unfinishedTasks() + redis.call('ZCARD', admitted) >= maxLength then
    return {QUEUE_FULL}
  end
end
local unfinished = ownerKey(prefix, owner)
if maxQueued > 0 then
  local count = redis.call('ZCARD', unfinished)
  if count >= maxQueued and count - sweep(unfinished) >= maxQueued then
    return {TOO_MANY_UNFINISHED}
  end
end
if perMinute > 0 then
  local wait = takeToken(prefix .. 'rate:submit:' .. owner, perMinute, 60000, now)
  if wait > 0 then
    return {TOO_MANY_SUBMITS, wait}
  end
end
redis.call('ZADD', unfinished, 'NX', now, id)
if maxLength > 0 then
  redis.call('ZADD', admitted, 'NX', now, id)
end
return {OK}
