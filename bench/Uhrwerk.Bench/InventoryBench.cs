using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Uhrwerk.Server.Modules.Inventory;
using Uhrwerk.Server.Modules.Inventory.Domain;
using Uhrwerk.Server.Modules.Inventory.Promise;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Bench;

/// <summary>
/// Delivery promises and reservations on PostgreSQL with a large catalogue: N products' stock in
/// five warehouses (the demo's three and two more), with open inbound receipts for a fifth of them.
/// Measures the promise in-process (the module's own services on a service provider wired like the
/// server's) and through HTTP (the real server as a separate process), and reservations from
/// concurrent clients, then checks the stock invariants with SQL and prints the figures next to
/// the issue's targets.
/// </summary>
internal static class InventoryBench
{
    private const string SkuPrefix = "BENCH-";
    private const string Buyer = "einkauf@mueller-maschinenbau.example";
    private const string DemoPassword = "Uhrwerk-Demo-2026";

    // Targets of the issue, on this 2-core machine.
    private const double PromiseP99InProcessMs = 2;
    private const double PromiseP99HttpMs = 10;
    private const double ReservationsPerSecond = 1000;

    public static async Task<int> RunAsync(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            map[args[i].TrimStart('-')] = args[i + 1];
        }

        if (!map.TryGetValue("postgres", out var postgres))
        {
            Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/Uhrwerk.Bench -- inventory --postgres \"Host=127.0.0.1;Port=5432;Username=uhrwerk;Database=bench_inventory;Maximum Pool Size=50\" [--products 100000] [--seconds 20] [--clients 8] [--rounds 2] [--parts promise,reserve,http]");
            return 2;
        }

        var products = int.Parse(map.GetValueOrDefault("products", "100000"), CultureInfo.InvariantCulture);
        var seconds = int.Parse(map.GetValueOrDefault("seconds", "20"), CultureInfo.InvariantCulture);
        var clients = int.Parse(map.GetValueOrDefault("clients", "8"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(map.GetValueOrDefault("rounds", "2"), CultureInfo.InvariantCulture);
        var parts = map.GetValueOrDefault("parts", "promise,reserve,http").Split(',', StringSplitOptions.TrimEntries).ToHashSet();
        var serverSettings = new Dictionary<string, string> { ["Notifications__Dispatcher__Enabled"] = "false" };
        var summary = new List<(string Figure, string Measured, string Target, bool? Met)>();
        var failed = false;

        // 1. Schema and demo data come from the server's own startup (migrations, then the demo seeders
        //    into an empty database); the server stops again so that it does not share the cores.
        var clock = Stopwatch.StartNew();
        var (setupServer, _) = await NotificationBench.StartServerAsync(postgres, NotificationBench.FreePort(), serverSettings);
        setupServer.Kill(entireProcessTree: true);
        await setupServer.WaitForExitAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Schema migrated and demo data present ({clock.Elapsed.TotalSeconds:F1} s through the server's startup)."));

        await using var services = Services(postgres);
        await LoadAsync(services, postgres, products);

        if (parts.Contains("promise"))
        {
            for (var round = 1; round <= rounds; round++)
            {
                var figures = await PromiseInProcessAsync(services, products, seconds);
                Console.WriteLine($"Promise in-process, 1 thread, round {round}: {figures}");
                summary.Add(($"promise in-process, 1 thread, round {round}", figures.Short(), $"p99 < {PromiseP99InProcessMs} ms", figures.P99 < PromiseP99InProcessMs));
            }
        }

        if (parts.Contains("reserve"))
        {
            for (var round = 1; round <= rounds; round++)
            {
                var figures = await ReserveAsync(services, products, seconds, clients);
                Console.WriteLine($"Reservations in-process, {clients} clients, round {round}: {figures}");
                summary.Add(($"reservations, {clients} clients, round {round}", $"{figures.PerSecond:F0}/s, {figures.Short()}", $">= {ReservationsPerSecond:F0}/s", figures.PerSecond >= ReservationsPerSecond && figures.Failures == 0));
            }

            var mismatches = await VerifyAsync(postgres);
            Console.WriteLine(mismatches == 0 ? "Stock invariants after the reservations: OK" : $"Stock invariants after the reservations: {mismatches} mismatches");
            summary.Add(("stock invariants after reserving", mismatches == 0 ? "OK" : $"{mismatches} mismatches", "0 mismatches", mismatches == 0));
            failed |= mismatches != 0;
        }

        if (parts.Contains("http"))
        {
            var (server, url) = await NotificationBench.StartServerAsync(postgres, NotificationBench.FreePort(), serverSettings);
            try
            {
                using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 }) { BaseAddress = new Uri(url) };
                var token = await OrderBench.TokenAsync(http, Buyer, DemoPassword);
                // Floors of the HTTP path: no authentication and no database, then authentication with the signed-in user loaded.
                foreach (var path in new[] { "/health/live", "/api/v1/me" })
                {
                    async Task<bool> Get(Random random)
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Get, path);
                        // A bearer token makes every request load its caller, /health/live included: the floor goes without.
                        if (path != "/health/live")
                        {
                            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                        }

                        using var response = await http.SendAsync(request);
                        await response.Content.LoadIntoBufferAsync();
                        return response.IsSuccessStatusCode;
                    }

                    await ClosedLoopAsync(1, 3, Get);
                    Console.WriteLine($"Floor, GET {path}, 1 client: {await ClosedLoopAsync(1, Math.Max(3, seconds / 4), Get)}");
                }

                foreach (var concurrency in new[] { 1, clients }.Distinct())
                {
                    for (var round = 1; round <= rounds; round++)
                    {
                        var figures = await PromiseHttpAsync(http, token, products, seconds, concurrency);
                        Console.WriteLine($"POST /api/v1/delivery-promise, {concurrency} client(s), round {round}: {figures}");
                        summary.Add(($"promise HTTP, {concurrency} client(s), round {round}", $"{figures.PerSecond:F0}/s, {figures.Short()}", $"p99 < {PromiseP99HttpMs} ms", figures.P99 < PromiseP99HttpMs && figures.Failures == 0));
                        failed |= figures.Failures > 0;
                    }
                }
            }
            finally
            {
                server.Kill(entireProcessTree: true);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Summary ({products} products in 5 warehouses, {Environment.ProcessorCount} cores, {seconds} s per run)");
        var width = summary.Count == 0 ? 10 : summary.Max(s => s.Figure.Length);
        var measuredWidth = summary.Count == 0 ? 10 : summary.Max(s => s.Measured.Length);
        foreach (var (figure, measured, target, met) in summary)
        {
            Console.WriteLine($"  {figure.PadRight(width)}  {measured.PadRight(measuredWidth)}  {target,-16} {(met is null ? "" : met.Value ? "met" : "NOT met")}");
        }

        return failed ? 1 : 0;
    }

    /// <summary>The module's services on PostgreSQL, registered as the server registers them, for the system scope (no company filter).</summary>
    private static ServiceProvider Services(string postgres)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = postgres,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<ITenantScope>(_ => TenantScope.System);
        services.AddUhrwerkData(config);
        services.AddInventory();

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    // ---------------------------------------------------------------- data

    private static readonly (string Code, string Name, string Street, string PostalCode, string City, GermanState State, TimeOnly CutOff, int HandlingDays, string Near)[] ExtraWarehouses =
    [
        ("HAM", "Lager Hamburg", "Hafenstraße 12", "20457", "Hamburg", GermanState.HH, new TimeOnly(15, 30), 1, "2"),
        ("STR", "Lager Stuttgart", "Motorstraße 7", "70499", "Stuttgart", GermanState.BW, new TimeOnly(14, 30), 1, "7"),
    ];

    /// <summary>
    /// Two more warehouses through the domain, then stock for every product in four of the five
    /// warehouses (one receipt movement per row, so on hand is the sum of the movements; some rows
    /// sold out at zero) and an open expected receipt for every fifth product, all with
    /// generate_series. Skipped when the database already holds exactly this data set.
    /// </summary>
    private static async Task LoadAsync(ServiceProvider services, string postgres, int products)
    {
        var clock = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>();
            var codes = await db.Warehouses.Select(w => w.Code).ToListAsync();
            foreach (var w in ExtraWarehouses.Where(w => !codes.Contains(w.Code)))
            {
                db.Warehouses.Add(Warehouse.Open(w.Code, w.Name, w.Street, w.PostalCode, w.City, w.State, "Europe/Berlin", w.CutOff, w.HandlingDays, 5000m));
                db.TransitTimes.Add(TransitTime.Of("DHL Freight", w.Code, "DE", "", 2));
                db.TransitTimes.Add(TransitTime.Of("DB Schenker", w.Code, "DE", "", 3));
                db.TransitTimes.Add(TransitTime.Of("DHL Freight", w.Code, "DE", w.Near, 1));
                db.TransitTimes.Add(TransitTime.Of("DB Schenker", w.Code, "AT", "", 4));
            }

            await db.SaveChangesAsync();
            codes = await db.Warehouses.Select(w => w.Code).OrderBy(c => c).ToListAsync();
            if (codes.Count != 5)
            {
                throw new InvalidOperationException($"Expected five warehouses, found {string.Join(", ", codes)}.");
            }
        }

        await using var data = NpgsqlDataSource.Create(postgres);
        await using var connection = await data.OpenConnectionAsync();
        // Four of five warehouses per product; the count tells whether this data set is already loaded.
        var expectedRows = await ScalarAsync<long>(connection, """
            SELECT count(*) FROM generate_series(1, @products) AS i, generate_series(0, 4) AS w WHERE (i + w) % 5 <> 0
            """, ("products", products));
        var rows = await ScalarAsync<long>(connection, """SELECT count(*) FROM inventory_stock WHERE "Sku" LIKE 'BENCH-%'""");
        var maxSku = await ScalarAsync<string?>(connection, """SELECT max("Sku") FROM inventory_stock WHERE "Sku" LIKE 'BENCH-%'""");
        if (rows == expectedRows && maxSku == Sku(products))
        {
            Console.WriteLine($"Inventory data set already loaded: {products} products, {rows} stock rows.");
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, """
            DELETE FROM inventory_reservations WHERE "Sku" LIKE 'BENCH-%';
            DELETE FROM inventory_movements WHERE "Sku" LIKE 'BENCH-%';
            DELETE FROM inventory_stock WHERE "Sku" LIKE 'BENCH-%';
            DELETE FROM inventory_expected_receipts WHERE "Sku" LIKE 'BENCH-%';
            """);
        // The warehouses in code order get numbers 0..4; quantities are spread deterministically, every 13th row sold out.
        await ExecuteAsync(connection, """
            WITH w AS (SELECT "Code" AS code, (row_number() OVER (ORDER BY "Code") - 1)::int AS n FROM inventory_warehouses)
            INSERT INTO inventory_stock ("Id", "Sku", "WarehouseCode", "OnHand", "Reserved")
            SELECT gen_random_uuid(), 'BENCH-' || lpad(i::text, 6, '0'), w.code,
                   CASE WHEN (i * 31 + w.n) % 13 = 0 THEN 0 ELSE 1 + ((i::bigint * 7919 + w.n * 104729) % 400)::int END, 0
            FROM generate_series(1, @products) AS i CROSS JOIN w
            WHERE (i + w.n) % 5 <> 0
            """, ("products", products));
        await ExecuteAsync(connection, """
            INSERT INTO inventory_movements ("Id", "At", "Sku", "WarehouseCode", "Kind", "Quantity", "Reason", "Reference", "By")
            SELECT gen_random_uuid(), now() - interval '30 days', "Sku", "WarehouseCode", 'Receipt', "OnHand", NULL, 'Anfangsbestand', 'Bench'
            FROM inventory_stock WHERE "Sku" LIKE 'BENCH-%' AND "OnHand" > 0
            """);
        await ExecuteAsync(connection, """
            WITH w AS (SELECT "Code" AS code, (row_number() OVER (ORDER BY "Code") - 1)::int AS n FROM inventory_warehouses)
            INSERT INTO inventory_expected_receipts ("Id", "Kind", "Reference", "FromWarehouse", "WarehouseCode", "Sku", "Quantity", "Received", "Promised", "ExpectedOn", "Status", "CreatedAt")
            SELECT gen_random_uuid(), 'Purchase', 'BE-BENCH-' || i, NULL, w.code, 'BENCH-' || lpad(i::text, 6, '0'),
                   50 + (i * 37) % 251, 0, 0, current_date + 3 + (i * 11) % 28, 'Open', now()
            FROM generate_series(5, @products, 5) AS i JOIN w ON w.n = (i / 5) % 5
            """, ("products", products));
        await transaction.CommitAsync();
        await ExecuteAsync(connection, "ANALYZE inventory_stock; ANALYZE inventory_movements; ANALYZE inventory_expected_receipts; ANALYZE inventory_reservations;");
        rows = await ScalarAsync<long>(connection, """SELECT count(*) FROM inventory_stock WHERE "Sku" LIKE 'BENCH-%'""");
        var receipts = await ScalarAsync<long>(connection, """SELECT count(*) FROM inventory_expected_receipts WHERE "Sku" LIKE 'BENCH-%'""");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Loaded {products} products: {rows} stock rows with their receipt movements, {receipts} open expected receipts in {clock.Elapsed.TotalSeconds:F1} s."));
    }

    private static string Sku(int number) => SkuPrefix + number.ToString("D6", CultureInfo.InvariantCulture);

    private static PromiseLine RandomLine(Random random, int products, int maxQuantity) => new(Sku(random.Next(1, products + 1)), random.Next(1, maxQuantity + 1), null);

    private static Destination RandomDestination(Random random) => new("DE", random.Next(1067, 99999).ToString("D5", CultureInfo.InvariantCulture));

    // ---------------------------------------------------------------- measurements

    private static async Task<Figures> PromiseInProcessAsync(ServiceProvider services, int products, int seconds)
    {
        async Task<bool> Promise(Random random)
        {
            await using var scope = services.CreateAsyncScope();
            var inventory = scope.ServiceProvider.GetRequiredService<IInventory>();
            var promise = await inventory.PromiseAsync([RandomLine(random, products, 20)], RandomDestination(random), CancellationToken.None);
            return promise.Count == 1;
        }

        await ClosedLoopAsync(1, 3, Promise);
        return await ClosedLoopAsync(1, seconds, Promise);
    }

    private static async Task<Figures> ReserveAsync(ServiceProvider services, int products, int seconds, int clients)
    {
        var number = 0;
        async Task<bool> Reserve(Random random)
        {
            await using var scope = services.CreateAsyncScope();
            var inventory = scope.ServiceProvider.GetRequiredService<IInventory>();
            var order = new OrderToReserve(Guid.CreateVersion7(), null, $"BENCH-{Interlocked.Increment(ref number)}", [RandomLine(random, products, 1)], RandomDestination(random));
            // No ambient transaction: ReserveAsync opens its own, and StockLedger.AtomicallyAsync saves the reservations before committing.
            var promised = await inventory.ReserveAsync(order, PlanKind.Complete, CancellationToken.None);
            return promised.Count == 1;
        }

        await ClosedLoopAsync(clients, 3, Reserve);
        return await ClosedLoopAsync(clients, seconds, Reserve);
    }

    private static async Task<Figures> PromiseHttpAsync(HttpClient http, string token, int products, int seconds, int clients)
    {
        async Task<bool> Promise(Random random)
        {
            var line = RandomLine(random, products, 20);
            var to = RandomDestination(random);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/delivery-promise")
            {
                Content = JsonContent.Create(new { country = to.Country, postalCode = to.PostalCode, lines = new[] { new { sku = line.Sku, quantity = line.Quantity, requestedDate = (DateOnly?)null } } }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            return response.IsSuccessStatusCode;
        }

        await ClosedLoopAsync(clients, 3, Promise);
        return await ClosedLoopAsync(clients, seconds, Promise);
    }

    internal sealed record Figures(int Count, int Failures, double Seconds, double P50, double P95, double P99, double Max)
    {
        public double PerSecond => Count / Seconds;

        public string Short() => string.Create(CultureInfo.InvariantCulture, $"p50 {P50:F2} ms, p99 {P99:F2} ms");

        /// <summary>The machine's 1-minute load average when the run ended: the cores are shared with other work.</summary>
        public string Load { get; init; } = LoadAverage();

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Count} in {Seconds:F1} s = {PerSecond:F0}/s, p50 {P50:F2} ms, p95 {P95:F2} ms, p99 {P99:F2} ms, max {Max:F1} ms, {Failures} failed (load average {Load})");

        public static Figures Of(long[] ticks, int failures, double seconds)
        {
            Array.Sort(ticks);
            double Ms(long t) => t * 1000.0 / Stopwatch.Frequency;
            double Percentile(double p) => ticks.Length == 0 ? 0 : Ms(ticks[Math.Min(ticks.Length - 1, Math.Max(0, (int)Math.Ceiling(p / 100 * ticks.Length) - 1))]);
            return new Figures(ticks.Length, failures, seconds, Percentile(50), Percentile(95), Percentile(99), ticks.Length == 0 ? 0 : Ms(ticks[^1]));
        }
    }

    /// <summary>Clients call back to back for the given time; every call's latency in Stopwatch ticks. Exceptions count as failures.</summary>
    internal static async Task<Figures> ClosedLoopAsync(int clients, int seconds, Func<Random, Task<bool>> call)
    {
        var clock = Stopwatch.StartNew();
        var end = Stopwatch.Frequency * seconds;
        var latencies = new List<long>[clients];
        var failures = 0;
        string? firstError = null;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(client * 7919 + Environment.TickCount);
            var mine = latencies[client] = new List<long>(200_000);
            while (clock.ElapsedTicks < end)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await call(random);
                }
                catch (Exception e)
                {
                    ok = false;
                    Interlocked.CompareExchange(ref firstError, e.GetType().Name + ": " + e.Message, null);
                }

                mine.Add(Stopwatch.GetTimestamp() - started);
                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        var elapsed = clock.Elapsed.TotalSeconds;
        if (firstError is not null)
        {
            Console.WriteLine($"  first failure: {firstError}");
        }

        return Figures.Of(latencies.SelectMany(l => l).ToArray(), failures, elapsed);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    // ---------------------------------------------------------------- invariants

    /// <summary>
    /// Every stock row: reserved within on hand, reserved the sum of its active stock reservations, on
    /// hand the sum of its movements; every open receipt: promised the sum of its active receipt reservations.
    /// </summary>
    internal static async Task<long> VerifyAsync(string postgres)
    {
        await using var data = NpgsqlDataSource.Create(postgres);
        await using var connection = await data.OpenConnectionAsync();
        var checks = new (string Name, string Sql)[]
        {
            ("reserved > on hand", """SELECT count(*) FROM inventory_stock WHERE "Reserved" > "OnHand" OR "Reserved" < 0"""),
            ("reserved <> active stock reservations", """
                WITH r AS (SELECT "Sku", "WarehouseCode", sum("Quantity") AS q FROM inventory_reservations
                           WHERE "Status" = 'Active' AND "ReceiptId" IS NULL AND "WarehouseCode" <> '' GROUP BY "Sku", "WarehouseCode")
                SELECT count(*) FROM inventory_stock s FULL JOIN r ON r."Sku" = s."Sku" AND r."WarehouseCode" = s."WarehouseCode"
                WHERE coalesce(s."Reserved", -1) <> coalesce(r.q, 0)
                """),
            ("on hand <> sum of movements", """
                WITH m AS (SELECT "Sku", "WarehouseCode", sum("Quantity") AS q FROM inventory_movements GROUP BY "Sku", "WarehouseCode")
                SELECT count(*) FROM inventory_stock s FULL JOIN m ON m."Sku" = s."Sku" AND m."WarehouseCode" = s."WarehouseCode"
                WHERE coalesce(s."OnHand", -1) <> coalesce(m.q, 0)
                """),
            ("receipt promised <> active receipt reservations", """
                WITH r AS (SELECT "ReceiptId", sum("Quantity") AS q FROM inventory_reservations WHERE "Status" = 'Active' AND "ReceiptId" IS NOT NULL GROUP BY "ReceiptId")
                SELECT count(*) FROM inventory_expected_receipts e LEFT JOIN r ON r."ReceiptId" = e."Id"
                WHERE e."Status" IN ('Open', 'PartiallyReceived') AND e."Promised" <> coalesce(r.q, 0)
                """),
        };
        long total = 0;
        foreach (var (name, sql) in checks)
        {
            var count = await ScalarAsync<long>(connection, sql);
            Console.WriteLine($"  check {name}: {(count == 0 ? "OK" : $"{count} rows")}");
            total += count;
        }

        var reservations = await ScalarAsync<long>(connection, """SELECT count(*) FROM inventory_reservations WHERE "Sku" LIKE 'BENCH-%' AND "Status" = 'Active'""");
        Console.WriteLine($"  active bench reservations in the database: {reservations}");
        return total;
    }

    // ---------------------------------------------------------------- SQL helpers

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is DBNull or null ? default! : (T)result;
    }
}
