--[[
  revoke: a waiting task never runs; a running one loses its lease and its worker is told at once.
  A finished task keeps its state.

  KEYS[1]  key prefix
  ARGV     task id, error text, result expiry ms, history backlog (0: history off)

  Returns  {OK, 'REVOKED'}, {ALREADY_FINAL (-4), state}, or {UNKNOWN_TASK (-1)}.
  Events   PUBLISH <prefix>revoked <id> when a worker held the task; XADD <prefix>events: an
           entry holding task-revoked;
           XADD <prefix>history (a copy of the task); PUBLISH <prefix>ended <parent id> when it has a parent.
]]
local prefix = KEYS[1]
-- @include common
-- @include history

local id, errorText, expiryMs, backlog = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local key = taskKey(prefix, id)
local t = readForFinal(key, backlog, finalFieldsAnd({'queue', 'priority', 'token'}))
local state = t.state
if not state then
  return {UNKNOWN_TASK}
end
if not canMove(state, 'REVOKED') then
  return {ALREADY_FINAL, state}
end
if t.token then
  dropLease(prefix, id)
  t.token = nil
  redis.call('PUBLISH', prefix .. 'revoked', id)
end
redis.call('LREM', queueKey(prefix, t.queue, t.priority), 0, id)
redis.call('ZREM', prefix .. 'scheduled', id)
local now, batch = nowMs(), newBatch()
finalise(prefix, id, t, 'REVOKED', '', errorText, now, expiryMs, false, batch)
keepFinished(prefix, t, backlog, batch)
flushBatch(prefix, batch, now, expiryMs)
flushEvents(prefix)
return {OK, 'REVOKED'}
