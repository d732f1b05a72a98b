-- Carrier webhook calls as a carrier sends them, signed by the C# setup (Standard Webhooks) before the run: one call per
-- line of the file UHRWERK_WEBHOOKS (webhook-id, webhook-timestamp, webhook-signature and the body, tab-separated). Each
-- of the UHRWERK_THREADS threads sends its own share of the lines in turn and starts over when through (repeats are
-- deduplicated by the server and answered the same).

local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_number", counter)
end

function init(args)
  local threads = tonumber(os.getenv("UHRWERK_THREADS"))
  calls = {}
  local line_number = 0
  for line in io.lines(os.getenv("UHRWERK_WEBHOOKS")) do
    if line_number % threads == thread_number - 1 then
      local id, timestamp, signature, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      calls[#calls + 1] = wrk.format("POST", "/api/v1/tracking/webhooks/generic", {
        ["Content-Type"] = "application/json",
        ["webhook-id"] = id,
        ["webhook-timestamp"] = timestamp,
        ["webhook-signature"] = signature,
      }, body)
    end
    line_number = line_number + 1
  end
  sent = 0
end

function request()
  sent = sent + 1
  return calls[(sent - 1) % #calls + 1]
end
