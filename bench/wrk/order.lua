-- The complete order as an ERP sends it: POST /api/v1/orders with three lines of different
-- products, a delivery preference and an Idempotency-Key of its own per request. The buyers'
-- tokens (UHRWERK_TOKENS, comma-separated) take turns; each order draws three different products at
-- random from the bench's catalogue (UHRWERK_SKUS, "sku:packSize" comma-separated, a few hundred), as
-- buyers do, so that concurrent orders meet on a stock row only as often as real ones would.

local function split(text)
  local items = {}
  for item in string.gmatch(text, "[^,]+") do items[#items + 1] = item end
  return items
end

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_number", counter)
  threads[#threads + 1] = thread
end

function init(args)
  tokens = split(os.getenv("UHRWERK_TOKENS"))
  products = {}
  for _, item in ipairs(split(os.getenv("UHRWERK_SKUS"))) do
    local sku, pack = string.match(item, "([^:]+):(%d+)")
    products[#products + 1] = { sku = sku, pack = tonumber(pack) }
  end
  sent = 0
  -- wrk's threads are separate Lua states: the thread number and a random part keep the keys unique across threads and runs.
  math.randomseed(os.time() * 1000 + thread_number)
  run = string.format("%08x", math.random(0, 0x7fffffff))
end

function request()
  sent = sent + 1
  local token = tokens[(sent + thread_number) % #tokens + 1]
  local lines, chosen = {}, {}
  while #lines < 3 do
    local index = math.random(1, #products)
    if not chosen[index] then
      chosen[index] = true
      local p = products[index]
      lines[#lines + 1] = string.format('{"sku":"%s","quantity":%d}', p.sku, p.pack * (1 + (sent + #lines) % 3))
    end
  end
  local body = string.format('{"addressIndex":0,"deliveryChoice":"%s","purchaseOrderReference":"BENCH-WRK","lines":[%s]}',
    sent % 2 == 0 and "Complete" or "Partial", table.concat(lines, ","))
  local headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("wrk-%s-%d-%d", run, thread_number, sent),
  }
  return wrk.format("POST", "/api/v1/orders", headers, body)
end
