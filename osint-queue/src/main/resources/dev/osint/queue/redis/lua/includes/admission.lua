-- Quotas on submissions (pasted in where a script says "-- @include admission"; needs common and bucket).
-- One script call admits a whole batch: the queue's length is counted once and then kept up to date by each
-- admission the call makes, so many submissions cost about what one did.

-- An id admitted this long ago that still has no task record was never enqueued (its API process died in
-- between): it no longer holds a place.
local RESERVATION_MS = 60000
-- At the limit, this many of the owner's oldest entries are checked against their records.
local SWEEP_BATCH = 100

-- Waiting in line, waiting for a retry, or running: every task that is not final.
local function unfinishedTasks(prefix)
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
local function sweep(prefix, unfinished, now)
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

-- What one call knows while it admits: the unfinished tasks of everybody (counted at the first admission
-- that needs it) and the owners whose sweep found nothing to drop (sweeping them again finds nothing either).
local function newAdmissions(prefix, now)
  return {prefix = prefix, now = now, total = nil, sweptClean = {}}
end

-- May `owner` queue task `id`? Checks, in this order, the queue's length, the owner's unfinished tasks and the
-- owner's submissions a minute; only an admitted submission spends a token. When admitted, the id takes its
-- place among the owner's unfinished tasks at once and, when `reserve` (the task is queued by a later call),
-- among the queue's admitted ids, until enqueue takes it out: API processes admitting at the same moment never
-- go past either limit together. Answers {OK}, {QUEUE_FULL}, {TOO_MANY_UNFINISHED} or {TOO_MANY_SUBMITS, ms}.
local function admitOne(a, owner, id, perMinute, maxQueued, maxLength, reserve)
  local prefix, now = a.prefix, a.now
  local admitted = prefix .. 'admitted'
  if maxLength > 0 then
    if a.total == nil then
      redis.call('ZREMRANGEBYSCORE', admitted, '-inf', now - RESERVATION_MS)
      a.total = unfinishedTasks(prefix) + redis.call('ZCARD', admitted)
    end
    if a.total >= maxLength then
      return {QUEUE_FULL}
    end
  end
  local unfinished = ownerKey(prefix, owner)
  if maxQueued > 0 then
    local count = redis.call('ZCARD', unfinished)
    if count >= maxQueued then
      local removed = 0
      if not a.sweptClean[owner] then
        removed = sweep(prefix, unfinished, now)
        a.sweptClean[owner] = removed == 0
      end
      if count - removed >= maxQueued then
        return {TOO_MANY_UNFINISHED}
      end
    end
  end
  if perMinute > 0 then
    local wait = takeToken(prefix .. 'rate:submit:' .. owner, perMinute, 60000, now)
    if wait > 0 then
      return {TOO_MANY_SUBMITS, wait}
    end
  end
  redis.call('ZADD', unfinished, 'NX', now, id)
  if a.total ~= nil then
    a.total = a.total + 1
  end
  if reserve and maxLength > 0 then
    redis.call('ZADD', admitted, 'NX', now, id)
  end
  return {OK}
end
