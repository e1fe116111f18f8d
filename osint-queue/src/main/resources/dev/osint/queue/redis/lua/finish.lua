--[[
  finish: writes tasks' final states (SUCCESS or FAILURE) exactly once each: only the holder of the current
  lease may, and the lease ends with it. The record then expires like a Celery result.
  Several finishes from one process travel together in one call (group commit).

  KEYS[1]  key prefix
  ARGV[1]  result expiry ms
  ARGV[2]  history backlog: the most finished tasks the history stream holds (0: history off)
  ARGV[3…] groups of 5: task id, token, final state, result (JSON, '' for none), error ('' for none)

  Returns  one code per group: OK (1); LEASE_LOST (-2): someone else owns the task now, or it was revoked;
           ILLEGAL_MOVE (-8): the state table (TaskState) forbids the move.
  Events   XADD <prefix>events: one entry per call (per 1024 tasks) holding a task-succeeded or task-failed per
           task; XADD <prefix>history (a copy of the task);
           PUBLISH <prefix>ended <parent id> per task that has a parent.
  Cost     per task: one read (HMGET, or HGETALL with history on), HSET (the token emptied in it), PEXPIRE (and
           XADD history);
           per call: ZREM leases, ZADD expiries (one member per 50 tasks), one HINCRBY per counter touched, XADD
           events.
  Keys     task:<id>, leases, finished (hash: count of final states written, per state), stats (hash: counts by
           collector type and state, run-time histograms), expiries (zset: "\n"-joined ids -> when their records
           expire), events,
           history (stream: a copy of each finished task for the history writer), history-dropped
]]
local prefix = KEYS[1]
-- @include common
-- @include history

local expiryMs, backlog = ARGV[1], tonumber(ARGV[2])
local now = nowMs()
local names = finalFieldsAnd({'token'})
local codes = {}
local batch = newBatch()
for i = 3, #ARGV, 5 do
  local id, token, state, result, errorText = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
  local key = taskKey(prefix, id)
  local t = readForFinal(key, backlog, names)
  if t.token ~= token then
    codes[#codes + 1] = LEASE_LOST
  elseif not canMove(t.state, state) then
    codes[#codes + 1] = ILLEGAL_MOVE
  else
    -- the lease ends: finalise empties the token, and the task leaves the set of leases in flushBatch
    t.token = nil
    batch.unleased[#batch.unleased + 1] = id
    finalise(prefix, id, t, state, result, errorText, now, expiryMs, true, batch)
    keepFinished(prefix, t, backlog, batch)
    codes[#codes + 1] = OK
  end
end
flushBatch(prefix, batch, now, expiryMs)
flushEvents(prefix)
return codes
