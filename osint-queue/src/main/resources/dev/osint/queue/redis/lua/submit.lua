--[[
  submit: admit.lua and enqueue.lua in one: each task is admitted under its quotas and, when admitted, queued
  at once, so a submission costs one script call (shared with the submissions that wait with it) instead of
  two, and an admitted id needs no place held among the admitted ids: nothing runs between the two steps.

  KEYS[1]  key prefix
  ARGV     groups of 12, one per task: submissions a minute, unfinished tasks at once, unfinished tasks of
           everybody (each 0: off), then enqueue.lua's 9 (id, definition, queue, priority, collector type,
           target value, creation time (ms), owner, parent task id ('' for none))

  Returns  one answer per group: {OK} (queued), {DUPLICATE (-3)} (the id was queued already: a replay),
           or admit.lua's refusals {QUEUE_FULL}, {TOO_MANY_UNFINISHED}, {TOO_MANY_SUBMITS, ms to wait}.
  Events   as enqueue.lua.
  Keys     as admit.lua and enqueue.lua.
]]
local prefix = KEYS[1]
-- @include common
-- @include bucket
-- @include admission
-- @include enqueue

local now = nowMs()
local a = newAdmissions(prefix, now)
local e = newEnqueues()
local answers = {}
for i = 1, #ARGV, 12 do
  local id, owner = ARGV[i + 3], ARGV[i + 10]
  local answer = admitOne(a, owner, id, tonumber(ARGV[i]), tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2]), false)
  if answer[1] == OK then
    answer = {enqueueOne(prefix, now, e, true, id, ARGV[i + 4], ARGV[i + 5], ARGV[i + 6], ARGV[i + 7],
      ARGV[i + 8], ARGV[i + 9], owner, ARGV[i + 11])}
  end
  answers[#answers + 1] = answer
end
flushEnqueues(prefix, e)
flushEvents(prefix)
return answers
