-- The complete order as an ERP sends it: POST /api/v1/orders with three lines of different
-- products, a delivery preference and an Idempotency-Key of its own per request. The buyers'
-- tokens (UHRWERK_TOKENS, comma-separated) take turns; the products (UHRWERK_SKUS, "sku:packSize"
-- comma-separated) rotate so that concurrent orders do not all queue on one stock row.

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
  local first = (sent * 7 + thread_number * 13) % #products
  local lines = {}
  for i = 0, 2 do
    local p = products[(first + i * 17) % #products + 1]
    lines[#lines + 1] = string.format('{"sku":"%s","quantity":%d}', p.sku, p.pack * (1 + (sent + i) % 3))
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
