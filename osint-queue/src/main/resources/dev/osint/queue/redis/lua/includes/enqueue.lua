-- Queueing new tasks (pasted in where a script says "-- @include enqueue"; needs common).

local function newEnqueues()
  return {indexed = {}, queues = {}}
end

-- Stores one new PENDING task and puts it at the tail of its line; answers OK, or DUPLICATE when the id exists
-- already (a command replayed after a reconnect must not queue the same task twice). The task index and the
-- set of queue names are written once per call, by flushEnqueues. `admittedHere`: admitOne admitted the id in
-- this same call (submit.lua), so it holds no place among the admitted ids and has its place among the owner's
-- unfinished tasks already; otherwise admit.lua may have held a place for it, which the queued task now holds.
local function enqueueOne(prefix, now, e, admittedHere, id, definition, queue, priority, collector, target,
                          createdMs, owner, parent)
  local key = taskKey(prefix, id)
  if not admittedHere then
    redis.call('ZREM', prefix .. 'admitted', id)
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
  pushReady(prefix, id, false, queue, priority)
  emit(prefix, id, 'task-submitted', now, {type = collector, target = target, state = 'PENDING', progress = '0',
    retries = '0'})
  return OK
end

local function flushEnqueues(prefix, e)
  callForAll('ZADD', prefix .. 'tasks', e.indexed)
  for queue in pairs(e.queues) do
    redis.call('SADD', prefix .. 'queues', queue)
  end
end
