--[[
  revoke: a waiting task never runs; a running one loses its lease and its worker is told at once.
  A finished task keeps its state.

  KEYS[1]  key prefix
  ARGV     task id, error text, result expiry ms, history backlog (0: history off)

  Returns  {OK, 'REVOKED'}, {ALREADY_FINAL (-4), state}, or {UNKNOWN_TASK (-1)}.
  Events   PUBLISH <prefix>revoked <id> when a worker held the task; XADD <prefix>events task-revoked;
           XADD <prefix>history (a copy of the task).
]]
local prefix = KEYS[1]
-- @include common
-- @include history

local id, errorText, expiryMs, backlog = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local key = taskKey(prefix, id)
local fields = redis.call('HMGET', key, 'state', 'queue', 'priority', 'token')
local state = fields[1]
if not state then
  return {UNKNOWN_TASK}
end
if not canMove(state, 'REVOKED') then
  return {ALREADY_FINAL, state}
end
if fields[4] then
  dropLease(prefix, id)
  redis.call('PUBLISH', prefix .. 'revoked', id)
end
redis.call('LREM', queueKey(prefix, fields[2], fields[3]), 0, id)
redis.call('ZREM', prefix .. 'scheduled', id)
finalise(prefix, id, 'REVOKED', errorText, nowMs(), expiryMs, false)
keepFinished(prefix, id, backlog)
return {OK, 'REVOKED'}
