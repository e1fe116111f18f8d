-- Queueing new tasks (pasted in where a script says "-- @include enqueue"; needs common).

-- What one call writes once at its end (flushEnqueues), however many tasks it queues: the task index, the set of
-- queue names, each line's new ids (one RPUSH per line, in the order given) and the ids leaving `admitted`.
local function newEnqueues()
  return {indexed = {}, queues = {}, lines = {}, lineOrder = {}, reserved = {}}
end

-- Stores one new PENDING task and puts it at the tail of its line; answers OK, or DUPLICATE when the id exists
-- already (a command replayed after a reconnect must not queue the same task twice). The task index, the set of
-- queue names, the lines and `admitted` are written once per call, by flushEnqueues. `admittedHere`: admitOne
-- admitted the id in this same call (submit.lua), so it holds no place among the admitted ids and has its place
-- among the owner's unfinished tasks already; otherwise admit.lua may have held a place for it, which the queued
-- task now holds (a duplicate's place goes too: its id is queued already).
local function enqueueOne(prefix, now, e, admittedHere, id, definition, queue, priority, collector, target,
                          createdMs, owner, parent)
  local key = taskKey(prefix, id)
  if not admittedHere then
    e.reserved[#e.reserved + 1] = id
  end
  if redis.call('EXISTS', key) == 1 then
    return DUPLICATE
  end
  local fields = {'definition', definition, 'queue', queue, 'priority', priority, 'state', 'PENDING',
    'progress', 0, 'retries', 0, 'type', collector, 'target', target, 'history', 'PENDING@' .. createdMs}
  if owner ~= '' then
    fields[#fields + 1] = 'owner'
    fields[#fields + 1] = owner
    if not admittedHere then
      redis.call('ZADD', ownerKey(prefix, owner), 'NX', now, id)
    end
  end
  if parent ~= '' then
    fields[#fields + 1] = 'parent'
    fields[#fields + 1] = parent
  end
  redis.call('HSET', key, unpack(fields))
  e.indexed[#e.indexed + 1] = createdMs
  e.indexed[#e.indexed + 1] = id
  e.queues[queue] = true
  local line = queueKey(prefix, queue, priority)
  local ids = e.lines[line]
  if not ids then
    ids = {}
    e.lines[line] = ids
    e.lineOrder[#e.lineOrder + 1] = {line = line, queue = queue}
  end
  ids[#ids + 1] = id
  emit(prefix, id, 'task-submitted', now, {type = collector, target = target, state = 'PENDING', progress = '0',
    retries = '0'})
  return OK
end

local function flushEnqueues(prefix, e)
  callForAll('ZREM', prefix .. 'admitted', e.reserved)
  for _, waiting in ipairs(e.lineOrder) do
    -- a line that held nothing before this call wakes the waiting workers (pushReady's rule, once per line)
    if callForAll('RPUSH', waiting.line, e.lines[waiting.line]) == #e.lines[waiting.line] then
      redis.call('PUBLISH', prefix .. 'ready', waiting.queue)
    end
  end
  callForAll('ZADD', prefix .. 'tasks', e.indexed)
  for queue in pairs(e.queues) do
    redis.call('SADD', prefix .. 'queues', queue)
  end
end
