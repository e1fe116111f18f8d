--[[
  progress: records how far running tasks got (state PROCESSING). Updates from one process travel together in
  one call (group commit), the latest per task only.

  KEYS[1]  key prefix
  ARGV     groups of 4: task id, token, percent (0-100), stage ('' for none)

  Returns  one code per group: OK (1); LEASE_LOST (-2): the task ended, or another worker owns it now;
           ILLEGAL_MOVE (-8) when the state table (TaskState) forbids the move.
  Events   XADD <prefix>events: one entry per call holding a task-progress per task. The history gains PROCESSING
           only on the first update.
  Cost     per task: HMGET, HSET (HDEL when a stage is cleared); per call: XADD events.
]]
local prefix = KEYS[1]
-- @include common

local PROGRESS_FIELDS = {'token', 'history', 'type', 'target', 'state', 'stage', 'worker', 'retries', 'error'}
local now = nowMs()
local codes = {}
for i = 1, #ARGV, 4 do
  local id, token, percent, stage = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local key = taskKey(prefix, id)
  local t = readFields(key, PROGRESS_FIELDS)
  if t.token ~= token then
    codes[#codes + 1] = LEASE_LOST
  elseif not canMove(t.state, 'PROCESSING') then
    codes[#codes + 1] = ILLEGAL_MOVE
  else
    local set = {'state', 'PROCESSING', 'progress', percent}
    if t.state ~= 'PROCESSING' then
      set[#set + 1] = 'history'
      set[#set + 1] = grownHistory(t.history, 'PROCESSING', now)
    end
    if stage == '' then
      if t.stage then
        redis.call('HDEL', key, 'stage')
      end
      t.stage = nil
    else
      set[#set + 1] = 'stage'
      set[#set + 1] = stage
      t.stage = stage
    end
    redis.call('HSET', key, unpack(set))
    t.state, t.progress = 'PROCESSING', percent
    emit(prefix, id, 'task-progress', now, t)
    codes[#codes + 1] = OK
  end
end
flushEvents(prefix)
return codes
