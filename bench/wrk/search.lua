-- The catalog search as the portal's search box sends it: GET with the bearer token of a signed-in
-- user (UHRWERK_TOKEN), the terms (UHRWERK_TERMS, URL-encoded, comma-separated) in turn, 20 per page.

local function split(text)
  local items = {}
  for item in string.gmatch(text, "[^,]+") do items[#items + 1] = item end
  return items
end

local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_number", counter)
end

function init(args)
  terms = split(os.getenv("UHRWERK_TERMS"))
  sent = 0
  headers = { ["Authorization"] = "Bearer " .. os.getenv("UHRWERK_TOKEN") }
end

function request()
  sent = sent + 1
  local term = terms[(sent + thread_number) % #terms + 1]
  return wrk.format("GET", "/api/v1/catalog/products?search=" .. term .. "&pageSize=20", headers)
end
