-- Shared by every script (pasted in where a script says "-- @include common").
-- Keys all start with the prefix in KEYS[1], e.g. "{osint}:": its hash tag puts them in one cluster slot.

local OK, EMPTY, UNKNOWN_TASK, LEASE_LOST, DUPLICATE, ALREADY_FINAL = 1, 0, -1, -2, -3, -4
local QUEUE_FULL, TOO_MANY_UNFINISHED, TOO_MANY_SUBMITS = -5, -6, -7
local PRIORITIES = {'high', 'normal', 'low'}
local FINAL = {SUCCESS = true, FAILURE = true, REVOKED = true}

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

-- Writes a final state once; the record expires after `expiryMs`, the count of final states grows by one, and the
-- task no longer counts among its owner's unfinished tasks.
local function finalise(prefix, id, state, errorText, now, expiryMs)
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
  redis.call('HINCRBY', prefix .. 'finished', state, 1)
end
