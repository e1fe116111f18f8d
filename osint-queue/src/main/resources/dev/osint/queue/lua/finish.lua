--[[
  finish: writes a task's final state (SUCCESS or FAILURE) exactly once: only the holder of the current,
  unexpired lease may, and the lease ends with it. The record then expires like a Celery result.

  KEYS[1]  key prefix
  ARGV     task id, token, final state, result (JSON, '' for none), error ('' for none), result expiry ms

  Returns  OK (1), or LEASE_LOST (-2): someone else owns the task now, or it was revoked.
  Keys     task:<id>, leases, finished (hash: count of final states written, per state)
]]
local prefix = KEYS[1]
-- @include common

local id, token, state, result, errorText, expiryMs = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local now = nowMs()
if not holds(prefix, id, token) then
  return LEASE_LOST
end
dropLease(prefix, id)
if result ~= '' then
  redis.call('HSET', taskKey(prefix, id), 'result', result)
end
finalise(prefix, id, state, errorText, now, expiryMs)
return OK
