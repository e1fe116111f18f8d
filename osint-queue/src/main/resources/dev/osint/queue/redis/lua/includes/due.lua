-- Moves time-driven work back in line (pasted in where a script says "-- @include due"; needs common).
-- Bounded per call so that one script never blocks Redis for long after an outage left a backlog.
local DUE_BATCH = 1000

-- Retries whose delay has passed join the tail of their line.
local function promoteDue(prefix, now)
  local scheduled = prefix .. 'scheduled'
  local due = redis.call('ZRANGEBYSCORE', scheduled, '-inf', now, 'LIMIT', 0, DUE_BATCH)
  for _, id in ipairs(due) do
    redis.call('ZREM', scheduled, id)
    if redis.call('HGET', taskKey(prefix, id), 'state') == 'RETRY' then
      pushReady(prefix, id, false)
    end
  end
end

-- A worker that stopped renewing (crashed, hung, cut off) loses its tasks: each goes back to the head of
-- its line, PENDING, and the old token no longer matches, so the old holder can never finish it.
local function reclaimExpired(prefix, now)
  local leases = prefix .. 'leases'
  local expired = redis.call('ZRANGEBYSCORE', leases, '-inf', '(' .. now, 'LIMIT', 0, DUE_BATCH)
  for _, id in ipairs(expired) do
    dropLease(prefix, id)
    local key = taskKey(prefix, id)
    if mayMove(prefix, id, 'PENDING') then
      redis.call('HSET', key, 'state', 'PENDING')
      enter(prefix, id, 'PENDING', 'task-requeued', now)
      pushReady(prefix, id, true)
    end
  end
end

-- Finished tasks whose record expired leave the task index (`tasks`, scored by creation time), so the index holds
-- only what the broker still knows. A member of `expiries` is a lone id or, when it starts with "\n", the ids of
-- one batch (flushBatch); about DUE_BATCH ids a call at most, from at most EXPIRING_MEMBERS_SWEPT members.
local function forgetExpired(prefix, now)
  local expiries = prefix .. 'expiries'
  local gone = redis.call('ZRANGEBYSCORE', expiries, '-inf', now, 'LIMIT', 0, EXPIRING_MEMBERS_SWEPT)
  if #gone > 0 then
    local ids, swept = {}, {}
    for _, member in ipairs(gone) do
      if #ids >= DUE_BATCH then
        break
      end
      swept[#swept + 1] = member
      if string.byte(member, 1) == 10 then
        for id in string.gmatch(member, '[^\n]+') do
          ids[#ids + 1] = id
        end
      else
        ids[#ids + 1] = member
      end
    end
    callForAll('ZREM', prefix .. 'tasks', ids)
    redis.call('ZREM', expiries, unpack(swept))
  end
end
