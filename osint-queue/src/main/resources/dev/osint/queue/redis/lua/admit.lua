--[[
  admit: may each of these owners (an API key, or a client address) queue one more task? See admitOne in
  includes/admission.lua: the checks, their order, and the place an admitted id takes until enqueue.lua
  queues it. Admissions of one call are made in order, each seeing the ones before it.

  KEYS[1]  key prefix
  ARGV     groups of 5, one per submission: owner, task id, submissions a minute (0: off), unfinished tasks
           at once (0: off), unfinished tasks of everybody (0: off)

  Returns  one answer per group: {OK}, {QUEUE_FULL (-5)}, {TOO_MANY_UNFINISHED (-6)}, or
           {TOO_MANY_SUBMITS (-7), ms to wait}.
  Keys     owner:<owner>:unfinished (zset id -> ms), rate:submit:<owner> (bucket), queue:<q>:<p>, scheduled,
           leases, admitted (zset id -> ms: admitted, not yet queued; enqueue.lua takes an id out)
]]
local prefix = KEYS[1]
-- @include common
-- @include bucket
-- @include admission

local a = newAdmissions(prefix, nowMs())
local answers = {}
for i = 1, #ARGV, 5 do
  answers[#answers + 1] = admitOne(a, ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3]),
    tonumber(ARGV[i + 4]), true)
end
return answers
