--[[
  renew: extends leases a worker still holds.

  KEYS[1]  key prefix
  ARGV[1]  lease length, ms
  ARGV[2…] pairs: task id, token

  Returns  one code per pair: OK (1), or LEASE_LOST (-2) when another worker took the task over (its
           lease had expired), it was revoked or it finished; the worker then stops that task.
]]
local prefix = KEYS[1]
-- @include common

local leaseMs = tonumber(ARGV[1])
local now = nowMs()
local codes = {}
for i = 2, #ARGV, 2 do
  local id, token = ARGV[i], ARGV[i + 1]
  if holds(prefix, id, token) then
    redis.call('ZADD', prefix .. 'leases', 'XX', now + leaseMs, id)
    codes[#codes + 1] = OK
  else
    codes[#codes + 1] = LEASE_LOST
  end
end
return codes
