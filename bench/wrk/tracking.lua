-- The public tracking page as a recipient opens it from the e-mail: no sign-in, a shipment's token each time.
-- The C# setup seeded UHRWERK_TRACKED shipments whose tokens are "bench" and the shipment's number in 28 digits.

local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_number", counter)
end

function init(args)
  tracked = tonumber(os.getenv("UHRWERK_TRACKED"))
  sent = thread_number * 7919
end

function request()
  sent = sent + 1
  return wrk.format("GET", string.format("/track/bench%028d", sent % tracked + 1), { ["Accept-Language"] = "de" })
end
