using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Uhrwerk.Bench;

/// <summary>
/// Places complete orders through the HTTP API against a server on PostgreSQL: each client is a
/// buyer of its own who signs in once, then puts a line into the cart and places it with an
/// idempotency key, back to back for the given time. Optionally runs pgbench tpcb-like with the
/// same number of clients on the same database right after, so both figures come from one run.
/// </summary>
internal static class OrderBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            map[args[i].TrimStart('-')] = args[i + 1];
        }

        if (!map.TryGetValue("postgres", out var postgres))
        {
            Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/Uhrwerk.Bench -- orders --postgres \"Host=127.0.0.1;Port=5432;Username=uhrwerk;Database=uhrwerk_bench\" [--clients 8] [--seconds 20] [--pgbench /usr/lib/postgresql/15/bin/pgbench]");
            return 2;
        }

        var clients = int.Parse(map.GetValueOrDefault("clients", "8"), CultureInfo.InvariantCulture);
        var seconds = int.Parse(map.GetValueOrDefault("seconds", "20"), CultureInfo.InvariantCulture);
        // The order e-mails are the notification benchmark's subject; here they would only compete for the two cores.
        var (server, url) = await NotificationBench.StartServerAsync(postgres, NotificationBench.FreePort(), new Dictionary<string, string> { ["Notifications__Dispatcher__Enabled"] = "false" });
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 }) { BaseAddress = new Uri(url) };
            var buyers = new List<string>();
            for (var i = 0; i < clients; i++)
            {
                buyers.Add(await NewBuyerAsync(http, postgres, i));
            }

            var skus = await SkusAsync(postgres);

            // A short unmeasured round lets the server JIT-compile and fill its pools.
            await LoadAsync(http, buyers, skus, 3);
            var (orders, latencies, failures, elapsed, places) = await LoadAsync(http, buyers, skus, seconds);
            server.Refresh();
            var peak = PeakMemoryMegabytes(server.Id);
            double Percentile(double p) => latencies.Length == 0 ? 0 : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p / 100 * latencies.Length) - 1)];
            var ordersPerSecond = orders / elapsed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Orders (cart + place) with {clients} clients for {seconds} s on PostgreSQL: {ordersPerSecond:F0} orders/s, p50 {Percentile(50):F1} ms, p95 {Percentile(95):F1} ms, p99 {Percentile(99):F1} ms, {failures} failed; server peak memory {peak} MB; of that the POST /orders alone: p50 {places[places.Length / 2]:F1} ms"));

            if (map.TryGetValue("pgbench", out var pgbench))
            {
                var tps = await PgbenchAsync(pgbench, postgres, clients, seconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"pgbench -b tpcb-like -c {clients} -T {seconds} on the same database: {tps:F0} transactions/s; orders/s ÷ pgbench tps = {ordersPerSecond / tps:F2}"));
            }

            var mismatches = await InventoryBench.VerifyAsync(postgres) + await AllBench.VerifyBudgetsAsync(postgres);
            return failures == 0 && mismatches == 0 ? 0 : 1;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    /// <summary>
    /// A buyer created by the demo main contact and activated through the invitation link, with a
    /// monthly budget far above what a run spends: every order is budget-checked and spends on the
    /// ledger, but none waits for approval.
    /// </summary>
    internal static async Task<string> NewBuyerAsync(HttpClient http, string postgres, int number)
    {
        var admin = await TokenAsync(http, "admin@mueller-maschinenbau.example", "Uhrwerk-Demo-2026");
        using var roles = new HttpRequestMessage(HttpMethod.Get, "/api/v1/company/roles");
        roles.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        var buyerRole = (await (await http.SendAsync(roles)).Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .Single(r => r.GetProperty("predefined").GetString() == "Buyer").GetProperty("id").GetGuid();
        var email = $"bench-{number}-{Guid.NewGuid():N}@mueller-maschinenbau.example";
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/company/users") { Content = JsonContent.Create(new { displayName = $"Bench Buyer {number}", email, roleIds = new[] { buyerRole } }) };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        (await http.SendAsync(create)).EnsureSuccessStatusCode();

        await using var db = NpgsqlDataSource.Create(postgres);
        await using var command = db.CreateCommand("""SELECT "Payload" FROM platform_outbox WHERE "Type" = 'AccountLinkIssued' AND "Payload" LIKE @email""");
        command.Parameters.AddWithValue("email", $"%{email}%");
        var link = JsonDocument.Parse((string)(await command.ExecuteScalarAsync())!).RootElement.GetProperty("link").GetString()!;
        var query = new Uri(link).Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        const string password = "Bench-Zahnrad-2026";
        (await http.PostAsJsonAsync("/api/v1/account/password", new { userId = query["user"], token = query["token"], password })).EnsureSuccessStatusCode();
        using var budget = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/company/users/{query["user"]}/budget") { Content = JsonContent.Create(new { periodAmount = 90_000_000m, period = "Month" }) };
        budget.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        (await http.SendAsync(budget)).EnsureSuccessStatusCode();
        return await TokenAsync(http, email, password);
    }

    internal static async Task<string> TokenAsync(HttpClient http, string email, string password)
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>
    /// Buyers order different products, as they do: a catalogue of <paramref name="count"/> products, each
    /// in stock in every warehouse, seeded once per database. The demo's twenty products would make their
    /// stock rows the queue, which measures lock waits on a few hot rows rather than the order path.
    /// Every stock row starts with a receipt movement, so on hand stays the sum of the movements the stock check compares.
    /// </summary>
    internal static async Task<IReadOnlyList<(string Sku, int PackSize)>> SkusAsync(string postgres, int count = 400)
    {
        await using var data = NpgsqlDataSource.Create(postgres);
        await using (var seed = data.CreateCommand("""
            WITH templates AS (
                SELECT "NameDe", "NameEn", "Unit", "PackSize", "ListPrice", row_number() OVER (ORDER BY "Sku") - 1 AS i, count(*) OVER () AS total
                FROM catalog_products WHERE "IsActive" AND "Sku" NOT LIKE 'BENCH-%')
            INSERT INTO catalog_products ("Id", "Sku", "NameDe", "NameEn", "DescriptionDe", "DescriptionEn", "Unit", "PackSize", "ListPrice", "IsActive")
            SELECT gen_random_uuid(), 'BENCH-' || lpad(n::text, 5, '0'), t."NameDe" || ' B' || n, t."NameEn" || ' B' || n, '', '', t."Unit", t."PackSize", t."ListPrice", true
            FROM generate_series(1, @count) AS n JOIN templates AS t ON t.i = n % t.total
            ON CONFLICT ("Sku") DO NOTHING;
            INSERT INTO inventory_stock ("Id", "Sku", "WarehouseCode", "OnHand", "Reserved")
            SELECT gen_random_uuid(), p."Sku", w."Code", 1000000, 0 FROM catalog_products AS p CROSS JOIN inventory_warehouses AS w WHERE p."Sku" LIKE 'BENCH-%'
            ON CONFLICT ("Sku", "WarehouseCode") DO NOTHING;
            INSERT INTO inventory_movements ("Id", "At", "Sku", "WarehouseCode", "Kind", "Quantity", "Reason", "Reference", "By")
            SELECT gen_random_uuid(), now(), s."Sku", s."WarehouseCode", 'Receipt', 1000000, NULL, 'Benchmark catalogue', 'Bench' FROM inventory_stock AS s
            WHERE s."Sku" LIKE 'BENCH-%' AND NOT EXISTS (SELECT 1 FROM inventory_movements AS m WHERE m."Sku" = s."Sku" AND m."WarehouseCode" = s."WarehouseCode" AND m."Reference" = 'Benchmark catalogue');
            """))
        {
            seed.Parameters.AddWithValue("count", count);
            await seed.ExecuteNonQueryAsync();
        }

        await using var read = data.CreateCommand("""SELECT "Sku", "PackSize" FROM catalog_products WHERE "Sku" LIKE 'BENCH-%' AND "IsActive" ORDER BY "Sku" """);
        await using var reader = await read.ExecuteReaderAsync();
        var skus = new List<(string Sku, int PackSize)>();
        while (await reader.ReadAsync())
        {
            skus.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return skus;
    }

    /// <summary>
    /// The portal's path: each buyer puts <paramref name="lines"/> different products into the cart,
    /// one PUT each, then places the cart with an idempotency key, back to back for the given time.
    /// </summary>
    internal static async Task<(int Orders, double[] Latencies, int Failures, double Elapsed, double[] Places)> LoadAsync(HttpClient http, IReadOnlyList<string> buyers, IReadOnlyList<(string Sku, int PackSize)> skus, int seconds, int lines = 1)
    {
        var clock = Stopwatch.StartNew();
        var latencies = new List<double>[buyers.Count];
        var places = new List<double>[buyers.Count];
        var failures = 0;
        await Task.WhenAll(buyers.Select((token, client) => Task.Run(async () =>
        {
            var mine = latencies[client] = new List<double>(50_000);
            var placing = places[client] = new List<double>(50_000);
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                var started = Stopwatch.GetTimestamp();
                var putsFailed = false;
                for (var line = 0; line < lines; line++)
                {
                    var (sku, packSize) = skus[(client + mine.Count * 7 + line * 17) % skus.Count];
                    using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/cart/lines/{sku}") { Content = JsonContent.Create(new { quantity = packSize * (1 + (mine.Count % 5)) }) };
                    put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    using var putAnswer = await http.SendAsync(put);
                    putsFailed |= !putAnswer.IsSuccessStatusCode;
                }

                var placeStarted = Stopwatch.GetTimestamp();
                using var place = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = JsonContent.Create(new { addressIndex = 0, purchaseOrderReference = "BENCH" }) };
                place.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                place.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                using var placed = await http.SendAsync(place);
                await placed.Content.LoadIntoBufferAsync();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                placing.Add(Stopwatch.GetElapsedTime(placeStarted).TotalMilliseconds);
                if (putsFailed || placed.StatusCode != System.Net.HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return (all.Length, all, failures, elapsed, places.SelectMany(l => l).Order().ToArray());
    }

    internal static long PeakMemoryMegabytes(int pid, string field = "VmHWM")
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    internal static async Task<double> PgbenchAsync(string pgbench, string postgres, int clients, int seconds, int scale = 1)
    {
        var c = new NpgsqlConnectionStringBuilder(postgres);
        string[] target = ["-h", c.Host!, "-p", c.Port.ToString(CultureInfo.InvariantCulture), "-U", c.Username!, c.Database!];
        await RunAsync(pgbench, ["-i", "-q", "-s", scale.ToString(CultureInfo.InvariantCulture), .. target]);
        var output = await RunAsync(pgbench, ["-b", "tpcb-like", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture), .. target]);
        var tps = output.Split('\n').First(l => l.StartsWith("tps = ", StringComparison.Ordinal));
        return double.Parse(tps.Split(' ')[2], CultureInfo.InvariantCulture);
    }

    internal static async Task<string> RunAsync(string file, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} failed: {error}");
    }
}
