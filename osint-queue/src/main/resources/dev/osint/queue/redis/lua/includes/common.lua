-- Shared by every script (pasted in where a script says "-- @include common").
-- Keys all start with the prefix in KEYS[1], e.g. "{osint}:": its hash tag puts them in one cluster slot.

local OK, EMPTY, UNKNOWN_TASK, LEASE_LOST, DUPLICATE, ALREADY_FINAL = 1, 0, -1, -2, -3, -4
local QUEUE_FULL, TOO_MANY_UNFINISHED, TOO_MANY_SUBMITS, ILLEGAL_MOVE = -5, -6, -7, -8
local PRIORITIES = {'high', 'normal', 'low'}
local FINAL = {SUCCESS = true, FAILURE = true, REVOKED = true}
local FINAL_EVENT = {SUCCESS = 'task-succeeded', FAILURE = 'task-failed', REVOKED = 'task-revoked'}
-- About this many events stay in the stream for clients that resume (Broker.EVENTS_KEPT in Java). A string: a
-- number handed to redis.call is formatted with sprintf on every call.
local EVENTS_KEPT = '10000'
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

-- A time as the digits Java reads back (never in exponent notation). The last one is kept: a batch formats the
-- same `now` for every task's history, start or finish time and event.
local lastMs, lastMsText
local function ms(n)
  if n ~= lastMs then
    lastMs, lastMsText = n, string.format('%d', n)
  end
  return lastMsText
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

-- The named fields of a task's hash as a table (a missing field stays nil), in one HMGET.
local function readFields(key, names)
  local values = redis.call('HMGET', key, unpack(names))
  local t = {}
  for i, name in ipairs(names) do
    if values[i] then
      t[name] = values[i]
    end
  end
  return t
end

-- Every field of a task's hash as a table (empty when the task is gone), in one HGETALL.
local function readAll(key)
  local flat = redis.call('HGETALL', key)
  local t = {}
  for i = 1, #flat, 2 do
    t[flat[i]] = flat[i + 1]
  end
  return t
end

-- Runs `command key <items…>` over a list in slices, so that a long list stays below Lua's unpack limit; answers
-- the last slice's reply (nil for an empty list).
local function callForAll(command, key, items)
  local slice = 4000
  local reply
  for first = 1, #items, slice do
    local args = {}
    for i = first, math.min(first + slice - 1, #items) do
      args[#args + 1] = items[i]
    end
    reply = redis.call(command, key, unpack(args))
  end
  return reply
end

-- Puts a task in line (at the head when it was already taken once, so it is not overtaken), and wakes
-- waiting workers when the line was empty: a non-empty line means they will come back by themselves.
-- `queue` and `priority` are read from the task when the caller does not know them.
local function pushReady(prefix, id, first, queue, priority)
  if not queue then
    local fields = redis.call('HMGET', taskKey(prefix, id), 'queue', 'priority')
    queue, priority = fields[1], fields[2]
  end
  local line = queueKey(prefix, queue, priority)
  local length
  if first then
    length = redis.call('LPUSH', line, id)
  else
    length = redis.call('RPUSH', line, id)
  end
  if length == 1 then
    redis.call('PUBLISH', prefix .. 'ready', queue)
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

-- `history` (a comma-separated list of "STATE@ms", oldest first; nil or false when there is none) grown by one.
local function grownHistory(history, state, now)
  local entry = state .. '@' .. ms(now)
  if history and history ~= '' then
    return history .. ',' .. entry
  end
  return entry
end

-- Adds "STATE@ms" to the task's history.
local function addHistory(key, state, now)
  redis.call('HSET', key, 'history', grownHistory(redis.call('HGET', key, 'history'), state, now))
end

-- What every event says about its task besides the event's name, the id and the time (EventEntry reads them).
local EVENT_FIELDS = {'type', 'target', 'state', 'progress', 'stage', 'worker', 'retries', 'error'}

-- The most events one entry of the event stream holds (EventEntry.MOST_EVENTS in Java): an event's id is derived
-- from its entry's id and its place in the entry, which must stay below this.
local EVENTS_PER_ENTRY = 1024

-- The events of this script call, written by flushEvents as one stream entry (or one per EVENTS_PER_ENTRY): the
-- cost of the event stream is per entry, not per byte. Each event is a list of strings: a task's {event, task id,
-- type, target, state, progress, stage, worker, retries, error}, a worker's {event, worker, info}.
local pendingEvents, pendingEventsAt = {}, nil

-- Writes the events of this call to the event stream that every API process reads, as entries {at = ms, events =
-- JSON array of the events' lists} (EventEntry). Every script that emits calls this before it returns. An entry of
-- n events trims the stream to EVENTS_KEPT / n entries: about EVENTS_KEPT events while calls carry batches of about
-- one size; fewer after a much larger batch than those before it (a purge: EVENTS_KEPT / n entries at least), up to
-- about twice as many after much smaller ones.
local function flushEvents(prefix)
  local total = #pendingEvents
  for first = 1, total, EVENTS_PER_ENTRY do
    local slice = pendingEvents
    if total > EVENTS_PER_ENTRY then
      slice = {}
      for i = first, math.min(first + EVENTS_PER_ENTRY - 1, total) do
        slice[#slice + 1] = pendingEvents[i]
      end
    end
    local entriesKept = string.format('%d', math.ceil(tonumber(EVENTS_KEPT) / #slice))
    redis.call('XADD', prefix .. 'events', 'MAXLEN', '~', entriesKept, '*', 'at', ms(pendingEventsAt),
      'events', cjson.encode(slice))
  end
  pendingEvents, pendingEventsAt = {}, nil
end

-- Adds an event (a list, as above) to this call's; events of another moment go to an entry of their own.
local function addEvent(prefix, now, event)
  if pendingEventsAt ~= now and #pendingEvents > 0 then
    flushEvents(prefix)
  end
  pendingEventsAt = now
  pendingEvents[#pendingEvents + 1] = event
end

-- An event about the task, written by flushEvents. `t` holds the task's fields as they stand now (a missing one is
-- written empty): a script that knows them already saves reading them back.
local function emit(prefix, id, event, now, t)
  addEvent(prefix, now, {event, id, t.type or '', t.target or '', t.state or '', t.progress or '0', t.stage or '',
    t.worker or '', t.retries or '0', t.error or ''})
end

-- An event about a worker, with its last report (JSON, '' when unknown), written by flushEvents.
local function emitWorker(prefix, name, event, info, now)
  addEvent(prefix, now, {event, name, info})
end

-- emit, with the task's fields read from its hash.
local function emitTask(prefix, id, event, now)
  emit(prefix, id, event, now, readFields(taskKey(prefix, id), EVENT_FIELDS))
end

-- A state change: the history grows by one entry and the event stream tells every API process.
local function enter(prefix, id, state, event, now)
  addHistory(taskKey(prefix, id), state, now)
  emitTask(prefix, id, event, now)
end

-- What one script call writes once at its end however many tasks it handled (flushBatch): counter increments,
-- leases that ended, records that start to expire. A batch of finishes then touches each counter and each
-- sorted set once instead of once per task.
local function newBatch()
  return {counts = {}, unleased = {}, expiring = {}}
end

local function countUp(batch, hash, field, by)
  local fields = batch.counts[hash]
  if not fields then
    fields = {}
    batch.counts[hash] = fields
  end
  fields[field] = (fields[field] or 0) + by
end

-- The names of a collector type's fields in the hash `stats`, made once per script call (a batch of finishes is
-- mostly of one type): {finished = {SUCCESS = 'finished:<type>:SUCCESS', …}, bucket = {'runtime:<type>:le:50', …},
-- count = 'runtime:<type>:count', sum = 'runtime:<type>:sum_ms'}.
local statsNames = {}
local function statsFieldsOf(collector)
  local names = statsNames[collector]
  if not names then
    local runtime = 'runtime:' .. collector .. ':'
    names = {finished = {}, bucket = {}, count = runtime .. 'count', sum = runtime .. 'sum_ms'}
    for state in pairs(FINAL) do
      names.finished[state] = 'finished:' .. collector .. ':' .. state
    end
    for i, bound in ipairs(RUNTIME_BUCKETS_MS) do
      names.bucket[i] = runtime .. 'le:' .. bound
    end
    statsNames[collector] = names
  end
  return names
end

-- Counts a run time in the collector type's histogram (hash `stats`, fields runtime:<type>:…).
local function countRunTime(batch, prefix, collector, runMs)
  local stats = prefix .. 'stats'
  local names = statsFieldsOf(collector)
  for i, bound in ipairs(RUNTIME_BUCKETS_MS) do
    if runMs <= bound then
      countUp(batch, stats, names.bucket[i], 1)
      break
    end
  end
  countUp(batch, stats, names.count, 1)
  countUp(batch, stats, names.sum, runMs)
end

-- Ids of tasks whose records expire at one moment share one member of `expiries`: "\n" before each id (the
-- first character tells such a member from a lone id, as earlier versions wrote them). A sorted-set insert
-- costs microseconds on a large set; one per batch instead of one per task. Both forms are read by
-- forgetExpired (due.lua), which looks at EXPIRING_MEMBERS_SWEPT members a call at most.
local EXPIRING_CHUNK = 50
local EXPIRING_MEMBERS_SWEPT = 100

local function expiringMembers(ids, expiresAt)
  local members, chunk = {}, {}
  local function close()
    if #chunk > 0 then
      members[#members + 1] = expiresAt
      members[#members + 1] = '\n' .. table.concat(chunk, '\n')
      chunk = {}
    end
  end
  for _, id in ipairs(ids) do
    if string.find(id, '\n', 1, true) then
      members[#members + 1] = expiresAt -- an id that cannot be told apart in a joined member stands alone
      members[#members + 1] = id
    else
      chunk[#chunk + 1] = id
      if #chunk == EXPIRING_CHUNK then
        close()
      end
    end
  end
  close()
  return members
end

local function flushBatch(prefix, batch, now, expiryMs)
  callForAll('ZREM', prefix .. 'leases', batch.unleased)
  callForAll('ZADD', prefix .. 'expiries', expiringMembers(batch.expiring, ms(now + expiryMs)))
  for hash, fields in pairs(batch.counts) do
    for field, by in pairs(fields) do
      redis.call('HINCRBY', hash, field, by)
    end
  end
end

-- The fields finalise needs from a task's hash (readFields), besides those its caller checks.
local FINAL_FIELDS = {'type', 'target', 'state', 'progress', 'stage', 'worker', 'retries', 'error', 'owner',
  'started_at', 'history', 'parent'}

-- Writes a final state once to the task `t` (its fields as read, FINAL_FIELDS at least; updated here to what the
-- record becomes): the record expires after `expiryMs` (and leaves the task index then), the counts of final
-- states grow by one, a task that ran to its end on a worker (`ran`) adds its run time and its lease's token is
-- emptied (the caller takes it out of the set of leases), the task no longer counts
-- among its owner's unfinished tasks, and a waiting parent hears that its child ended. Counts and sorted sets go
-- to `batch`, written by flushBatch.
local function finalise(prefix, id, t, state, result, errorText, now, expiryMs, ran, batch)
  local key = taskKey(prefix, id)
  if t.owner then
    redis.call('ZREM', ownerKey(prefix, t.owner), id)
  end
  t.state, t.progress, t.finished_at = state, '100', ms(now)
  t.history = grownHistory(t.history, state, now)
  local set = {'state', state, 'progress', t.progress, 'finished_at', t.finished_at, 'history', t.history}
  if ran then
    -- the run's lease ends with it: an empty token matches nobody's (one HSET instead of an HDEL besides)
    set[#set + 1] = 'token'
    set[#set + 1] = ''
  end
  if result ~= '' then
    t.result = result
    set[#set + 1] = 'result'
    set[#set + 1] = result
  end
  if errorText ~= '' then
    t.error = errorText
    set[#set + 1] = 'error'
    set[#set + 1] = errorText
  end
  redis.call('HSET', key, unpack(set))
  redis.call('PEXPIRE', key, expiryMs)
  batch.expiring[#batch.expiring + 1] = id
  countUp(batch, prefix .. 'finished', state, 1)
  local collector = t.type
  if collector and collector ~= '' then
    countUp(batch, prefix .. 'stats', statsFieldsOf(collector).finished[state], 1)
    if ran and t.started_at then
      countRunTime(batch, prefix, collector, math.max(0, now - tonumber(t.started_at)))
    end
  end
  if t.parent then
    redis.call('PUBLISH', prefix .. 'ended', t.parent)
  end
  emit(prefix, id, FINAL_EVENT[state], now, t)
end
