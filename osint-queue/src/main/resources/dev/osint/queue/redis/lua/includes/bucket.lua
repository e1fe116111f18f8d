-- A token bucket (pasted in where a script says "-- @include bucket"). It starts full (a burst of `permits`)
-- and refills continuously at `permits` per `periodMs`; an idle bucket expires once it would be full again.

-- Takes one token from the bucket hash (fields tokens, at) and answers 0, or answers how many ms to wait for
-- one, taking nothing.
local function takeToken(bucket, permits, periodMs, now)
  local perMs = permits / periodMs
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
end
