-- Hands a task that just reached its final state to the history writer (pasted in where a script says
-- "-- @include history"; needs common). A copy of the task's hash goes to the stream <prefix>history, read by the
-- API processes in the consumer group 'history' and deleted once it is in the database. The writer reads the
-- copy, not the task's key: the task still expires on time however long the database is away.
-- `backlog` is the most entries the stream may hold, 0 when history is off; past it the task is not kept and
-- <prefix>history-dropped counts it. `t` is every field of the task as it stands now (readAll, then finalise);
-- the room left in the stream is read once per script call and kept in `batch`.
local function keepFinished(prefix, t, backlog, batch)
  if backlog <= 0 then
    return
  end
  local stream = prefix .. 'history'
  if not batch.historyRoom then
    batch.historyRoom = backlog - redis.call('XLEN', stream)
  end
  if batch.historyRoom <= 0 then
    redis.call('INCR', prefix .. 'history-dropped')
    return
  end
  batch.historyRoom = batch.historyRoom - 1
  local flat = {}
  for field, value in pairs(t) do
    flat[#flat + 1] = field
    flat[#flat + 1] = value
  end
  redis.call('XADD', stream, '*', unpack(flat))
end

-- The fields finalise needs and those named in `extra`: the names readForFinal reads when history is off.
local function finalFieldsAnd(extra)
  local names = {}
  for _, name in ipairs(FINAL_FIELDS) do
    names[#names + 1] = name
  end
  for _, name in ipairs(extra) do
    names[#names + 1] = name
  end
  return names
end

-- A task's fields for finalise: all of them when its copy goes to the history stream, else only `names`
-- (finalFieldsAnd, made once per script call).
local function readForFinal(key, backlog, names)
  if backlog > 0 then
    return readAll(key)
  end
  return readFields(key, names)
end
