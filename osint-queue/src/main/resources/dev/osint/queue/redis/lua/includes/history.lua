-- Hands a task that just reached its final state to the history writer (pasted in where a script says
-- "-- @include history"; needs common). A copy of the task's hash goes to the stream <prefix>history, read by the
-- API processes in the consumer group 'history' and deleted once it is in the database. The writer reads the
-- copy, not the task's key: the task still expires on time however long the database is away.
-- `backlog` is the most entries the stream may hold, 0 when history is off; past it the task is not kept and
-- <prefix>history-dropped counts it.
local function keepFinished(prefix, id, backlog)
  if backlog <= 0 then
    return
  end
  local stream = prefix .. 'history'
  if redis.call('XLEN', stream) >= backlog then
    redis.call('INCR', prefix .. 'history-dropped')
    return
  end
  redis.call('XADD', stream, '*', unpack(redis.call('HGETALL', taskKey(prefix, id))))
end
