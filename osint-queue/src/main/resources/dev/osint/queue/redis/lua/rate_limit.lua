--[[
  rate_limit: takes one permit from a token bucket shared by every worker process. The bucket starts full
  (a burst of `permits`) and refills continuously at permits per period.

  KEYS[1]  the bucket (hash: tokens, at), e.g. "{osint}:rate:<collector>"
  ARGV     permits, period ms

  Returns  0 when a permit was taken, else how many ms to wait before asking again.
]]
-- @include common
-- @include bucket

return takeToken(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), nowMs())
