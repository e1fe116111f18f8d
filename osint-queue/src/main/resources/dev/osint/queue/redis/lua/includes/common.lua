-- Shared by every script (pasted in where a script says "-- @include common").
-- Keys all start with the prefix in KEYS[1], e.g. "{osint}:": its hash tag puts them in one cluster slot.

local OK, EMPTY, UNKNOWN_TASK, LEASE_LOST, DUPLICATE, ALREADY_FINAL = 1, 0, -1, -2, -3, -4
local QUEUE_FULL, TOO_MANY_UNFINISHED, TOO_MANY_SUBMITS, ILLEGAL_MOVE = -5, -6, -7, -8
local PRIORITIES = {'high', 'normal', 'low'}
local FINAL = {SUCCESS = true, FAILURE = true, REVOKED = true}
local FINAL_EVENT = {SUCCESS = 'task-succeeded', FAILURE = 'task-failed', REVOKED = 'task-revoked'}
-- About this many events stay in the stream for clients that resume (Broker.EVENTS_KEPT in Java).
local EVENTS_KEPT = 10000
-- Upper bounds of the run-time histogram's buckets, ms (TaskStatistics.RUNTIME_BUCKETS_MS in Java).
local RUNTIME_BUCKETS_MS = {50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 120000, 300000}

-- @include states

-- Whether the task may move from the state it is in now to `to` (TaskState.canMoveTo in Java).
local function mayMove(prefix, id, to)
  return canMove(redis.call('HGET', prefix .. 'task:' .. id, 'state'), to)
end

-- Milliseconds since the epoch by the Redis server's clock, so that workers on machines whose clocks
-- disagree still agree on when a lease expires.
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- A time as the digits Java reads back (never in exponent notation).
local function ms(n)
  return string.format('%d', n)
end

local function taskKey(prefix, id)
  return prefix .. 'task:' .. id
end

local function queueKey(prefix, queue, priority)
  return prefix .. 'queue:' .. queue .. ':' .. priority
end

-- An owner's unfinished tasks (zset: id -> ms it was admitted or queued); a task leaves it in finalise.
local function ownerKey(prefix, owner)
  return prefix .. 'owner:' .. owner .. ':unfinished'
end

-- Puts a task in line (at the head when it was already taken once, so it is not overtaken), and wakes
-- waiting workers when the line was empty: a non-empty line means they will come back by themselves.
local function pushReady(prefix, id, first)
  local fields = redis.call('HMGET', taskKey(prefix, id), 'queue', 'priority')
  local line = queueKey(prefix, fields[1], fields[2])
  local length
  if first then
    length = redis.call('LPUSH', line, id)
  else
    length = redis.call('RPUSH', line, id)
  end
  if length == 1 then
    redis.call('PUBLISH', prefix .. 'ready', fields[1])
  end
end

-- True while `token` is the task's lease. A lease past its expiry still counts until a take reclaims it (the
-- token then changes): a worker slowed by a pause loses its task only to a worker that actually took it over.
local function holds(prefix, id, token)
  return redis.call('HGET', taskKey(prefix, id), 'token') == token
end

-- Ends a lease: the task leaves the set of held tasks and nobody holds its token any more.
local function dropLease(prefix, id)
  redis.call('ZREM', prefix .. 'leases', id)
  redis.call('HDEL', taskKey(prefix, id), 'token')
end

-- Adds "STATE@ms" to the task's history (a comma-separated list, oldest first).
local function addHistory(key, state, now)
  local history = redis.call('HGET', key, 'history')
  local entry = state .. '@' .. ms(now)
  if history and history ~= '' then
    entry = history .. ',' .. entry
  end
  redis.call('HSET', key, 'history', entry)
end

-- Appends an event about the task, as it stands now, to the event stream that every API process reads; the
-- stream keeps about EVENTS_KEPT events. Fields missing from the hash are written empty.
local function emitTask(prefix, id, event, now)
  local f = redis.call('HMGET', taskKey(prefix, id), 'type', 'target', 'state', 'progress', 'stage', 'worker',
    'retries', 'error')
  redis.call('XADD', prefix .. 'events', 'MAXLEN', '~', EVENTS_KEPT, '*', 'event', event, 'task', id,
    'type', f[1] or '', 'target', f[2] or '', 'state', f[3] or '', 'progress', f[4] or '0', 'stage', f[5] or '',
    'worker', f[6] or '', 'retries', f[7] or '0', 'error', f[8] or '', 'at', ms(now))
end

-- A state change: the history grows by one entry and the event stream tells every API process.
local function enter(prefix, id, state, event, now)
  addHistory(taskKey(prefix, id), state, now)
  emitTask(prefix, id, event, now)
end

-- Counts a run time in the collector type's histogram (hash `stats`, fields runtime:<type>:…).
local function countRunTime(prefix, collector, runMs)
  local stats = prefix .. 'stats'
  for _, bound in ipairs(RUNTIME_BUCKETS_MS) do
    if runMs <= bound then
      redis.call('HINCRBY', stats, 'runtime:' .. collector .. ':le:' .. bound, 1)
      break
    end
  end
  redis.call('HINCRBY', stats, 'runtime:' .. collector .. ':count', 1)
  redis.call('HINCRBY', stats, 'runtime:' .. collector .. ':sum_ms', runMs)
end

-- Writes a final state once: the record expires after `expiryMs` (and leaves the task index then), the counts of
-- final states grow by one, a task that ran to its end on a worker (`ran`) adds its run time, and the task no
-- longer counts among its owner's unfinished tasks.
local function finalise(prefix, id, state, errorText, now, expiryMs, ran)
  local key = taskKey(prefix, id)
  local owner = redis.call('HGET', key, 'owner')
  if owner then
    redis.call('ZREM', ownerKey(prefix, owner), id)
  end
  redis.call('HSET', key, 'state', state, 'progress', 100, 'finished_at', ms(now))
  if errorText ~= '' then
    redis.call('HSET', key, 'error', errorText)
  end
  redis.call('PEXPIRE', key, expiryMs)
  redis.call('ZADD', prefix .. 'expiries', now + expiryMs, id)
  redis.call('HINCRBY', prefix .. 'finished', state, 1)
  local fields = redis.call('HMGET', key, 'type', 'started_at')
  local collector = fields[1]
  if collector and collector ~= '' then
    redis.call('HINCRBY', prefix .. 'stats', 'finished:' .. collector .. ':' .. state, 1)
    if ran and fields[2] then
      countRunTime(prefix, collector, math.max(0, now - tonumber(fields[2])))
    end
  end
  enter(prefix, id, state, FINAL_EVENT[state], now)
end
