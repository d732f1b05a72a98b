-- GETs with the bearer token of a signed-in user (UHRWERK_TOKEN), taking turns over the paths in the
-- file UHRWERK_PATHS (one a line): order list pages after their cursors, order details by id.

wrk.headers["Authorization"] = "Bearer " .. os.getenv("UHRWERK_TOKEN")

function init(args)
  paths = {}
  for line in io.lines(os.getenv("UHRWERK_PATHS")) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  next_path = 0
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end
