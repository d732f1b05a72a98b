-- GET with the bearer token of a signed-in user (UHRWERK_TOKEN), as a client of the API sends it.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("UHRWERK_TOKEN")
