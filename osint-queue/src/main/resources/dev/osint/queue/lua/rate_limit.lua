--[[
  rate_limit: takes one permit from a token bucket shared by every worker process. The bucket starts full
  (a burst of `permits`) and refills continuously at permits per period.

  KEYS[1]  the bucket (hash: tokens, at), e.g. "{osint}:rate:<collector>"
  ARGV     permits, period ms

  Returns  0 when a permit was taken, else how many ms to wait before asking again.
]]
-- @include common

local bucket = KEYS[1]
local permits, periodMs = tonumber(ARGV[1]), tonumber(ARGV[2])
local perMs = permits / periodMs
local now = nowMs()
local state = redis.call('HMGET', bucket, 'tokens', 'at')
local tokens, at = tonumber(state[1]), tonumber(state[2])
if not tokens then
  tokens, at = permits, now
end
tokens = math.min(permits, tokens + math.max(0, now - at) * perMs)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.ceil((1 - tokens) / perMs)
end
redis.call('HSET', bucket, 'tokens', tokens, 'at', now)
redis.call('PEXPIRE', bucket, periodMs * 2)
return wait
