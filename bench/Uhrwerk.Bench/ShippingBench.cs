using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Uhrwerk.Bench;

/// <summary>
/// Shipping throughput as a warehouse system drives it: <c>PUT /api/v1/erp/shipments/{reference}</c> with an API key of
/// scope <c>erp.shipments</c>. That is the call a warehouse system hammers: it reports every parcel as it leaves the dock,
/// one request per shipment that creates it and takes it through picking and packing to shipped, where the back office
/// needs a request per step and a person per click. Each order of 3 lines goes out as 3 partial deliveries (one line each,
/// from the warehouse that holds its reservation), one after the other by the same client, as one packing station would
/// ship them; the clients ship different orders at the same time. Afterwards the invariants: stock on hand plus what was
/// picked is what it was before, every shipped line's shipped quantity is what its shipments carried, and the outbox
/// holds exactly one ShipmentShipped event per shipment.
/// </summary>
internal static partial class AllBench
{
    private const string Admin = "admin@uhrwerk.example";

    /// <param name="Position">Numbers the line's shipment within the order; the SKUs of a bench order differ, so the SKU alone names the line.</param>
    private sealed record LineToShip(string Sku, int Quantity, int Position, string Warehouse);

    private sealed record OrderToShip(string Number, IReadOnlyList<LineToShip> Lines);

    /// <summary>
    /// Issue 14's parts alone: shipping throughput and its invariants, then the order pages and the OTIF report at 10,000 orders
    /// and at <c>--orders</c>. Same options as <c>all</c>.
    /// </summary>
    public static async Task<int> FulfillmentAsync(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            map[args[i].TrimStart('-')] = args[i + 1];
        }

        if (!map.TryGetValue("postgres", out var postgres))
        {
            Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/Uhrwerk.Bench -- fulfillment --postgres \"Host=127.0.0.1;Port=5432;Username=uhrwerk;Database=uhrwerk_bench\" [--clients 8] [--seconds 10] [--wrk /usr/bin/wrk] [--orders 1000000] [--orders-per-company 1000]");
            return 2;
        }

        var clients = int.Parse(map.GetValueOrDefault("clients", "8"), System.Globalization.CultureInfo.InvariantCulture);
        var seconds = int.Parse(map.GetValueOrDefault("seconds", "10"), System.Globalization.CultureInfo.InvariantCulture);
        var rows = new List<Row>();
        var (server, url) = await NotificationBench.StartServerAsync(postgres, NotificationBench.FreePort(), new Dictionary<string, string> { ["Notifications__Dispatcher__Enabled"] = "false" });
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 }) { BaseAddress = new Uri(url) };
            var buyers = new List<string>();
            for (var i = 0; i < clients; i++)
            {
                buyers.Add(await OrderBench.NewBuyerAsync(http, postgres, i));
            }

            var skus = await OrderBench.SkusAsync(postgres);
            await TopUpStockAsync(postgres);
            rows.AddRange(await ShippingAsync(http, postgres, buyers, skus, clients, seconds));
            rows.AddRange(await ScaleAsync(url, postgres, map.GetValueOrDefault("wrk", "/usr/bin/wrk"), Path.Combine(RepositoryRoot(), "bench", "wrk"), seconds,
                int.Parse(map.GetValueOrDefault("orders", "1000000"), System.Globalization.CultureInfo.InvariantCulture), OrdersPerCompany(map)));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }

        Print(rows, clients, seconds);
        return rows.Any(r => r.Met == false && r.Figure.StartsWith("ship", StringComparison.Ordinal)) ? 1 : 0;
    }

    private static async Task<IReadOnlyList<Row>> ShippingAsync(HttpClient http, string postgres, IReadOnlyList<string> buyers, IReadOnlyList<(string Sku, int PackSize)> skus,
        int clients, int seconds)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var reference = $"BENCH-SHIP-{run}";
        var key = await ApiKeyAsync(http, $"Bench warehouse system {run}");
        var warmUp = new ConcurrentQueue<OrderToShip>(await OrdersToShipAsync(http, postgres, buyers, skus, reference, clients * 3, 0));
        // More orders than the clients can ship in the time, so that none runs dry: a run that does ends early and says so.
        var measured = new ConcurrentQueue<OrderToShip>(await OrdersToShipAsync(http, postgres, buyers, skus, reference, clients * seconds * 10, clients * 3));
        Console.WriteLine($"Shipping: {warmUp.Count + measured.Count} orders of 3 lines placed to ship; one API key of scope erp.shipments.");

        await using var data = NpgsqlDataSource.Create(postgres);
        var before = await ScalarAsync(data, """SELECT sum("OnHand") FROM inventory_stock""");
        await ShipAsync(http, key, run, warmUp, clients, 3);
        var (movementsBefore, eventsBefore) = (await ScalarAsync(data, """SELECT count(*) FROM inventory_movements"""), await ScalarAsync(data, """SELECT count(*) FROM platform_outbox"""));
        var figures = await ShipAsync(http, key, run, measured, clients, seconds);
        var (movements, events) = (await ScalarAsync(data, """SELECT count(*) FROM inventory_movements""") - movementsBefore, await ScalarAsync(data, """SELECT count(*) FROM platform_outbox""") - eventsBefore);
        Console.WriteLine($"PUT /api/v1/erp/shipments (create and ship), C# client: {figures}; {movements / figures.Seconds:F0} stock movements/s, {events / figures.Seconds:F0} events/s written"
                          + (measured.IsEmpty ? " (ran out of orders before the time was up)" : ""));

        var mismatches = await VerifyShippingAsync(data, run, reference, before);
        return
        [
            new("shipments created + shipped, ERP PUT, 8 clients, C#", Invariant($"{figures.PerSecond:F0}/s (p50 {figures.P50:F1} ms)"), Ms(figures.P99),
                Invariant($"{movements / figures.Seconds:F0} picks/s, {events / figures.Seconds:F0} events/s"), "reported, 0 failed", figures.Failures == 0),
            new("shipping invariants (stock, shipped quantities, one ShipmentShipped each)", mismatches == 0 ? "OK" : $"{mismatches} mismatches", "", "", "0 mismatches", mismatches == 0),
        ];
    }

    /// <summary>Each client ships whole orders, line by line, until the time is up or the orders run out; every PUT's latency counts.</summary>
    private static async Task<InventoryBench.Figures> ShipAsync(HttpClient http, string key, string run, ConcurrentQueue<OrderToShip> orders, int clients, int seconds)
    {
        var clock = Stopwatch.StartNew();
        var end = Stopwatch.Frequency * seconds;
        var latencies = new ConcurrentBag<long>();
        var failures = 0;
        string? firstError = null;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (clock.ElapsedTicks < end && orders.TryDequeue(out var order))
            {
                foreach (var line in order.Lines)
                {
                    var body = new
                    {
                        orderNumber = order.Number, warehouseCode = line.Warehouse, status = "Shipped", carrier = "DHL", service = "Paket",
                        lines = new[] { new { sku = line.Sku, quantity = line.Quantity } },
                        packages = new[] { new { weightKg = 2.5m, lengthCm = 40, widthCm = 30, heightCm = 20, trackingNumber = $"JJD{run}{order.Number}{line.Position}" } },
                    };
                    using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/erp/shipments/BENCH-SHIP-{run}-{order.Number}-{line.Position}") { Content = JsonContent.Create(body) };
                    request.Headers.Add("X-Api-Key", key);
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();
                    latencies.Add(Stopwatch.GetTimestamp() - started);
                    if (response.StatusCode != System.Net.HttpStatusCode.Created)
                    {
                        Interlocked.Increment(ref failures);
                        Interlocked.CompareExchange(ref firstError, $"{(int)response.StatusCode} {text}", null);
                    }
                }
            }
        })));
        if (firstError is not null)
        {
            Console.WriteLine($"  first failure: {firstError}");
        }

        return InventoryBench.Figures.Of(latencies.ToArray(), failures, clock.Elapsed.TotalSeconds);
    }

    private static async Task<string> ApiKeyAsync(HttpClient http, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/backoffice/api-keys") { Content = JsonContent.Create(new { name, scopes = new[] { "erp.shipments" } }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await OrderBench.TokenAsync(http, Admin, DemoPassword));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    /// <summary>
    /// Orders of three different products placed through the API by the bench buyers (8 at a time), with the warehouse each
    /// line's stock reservation is in: the delivery plan a warehouse system ships by.
    /// </summary>
    private static async Task<IReadOnlyList<OrderToShip>> OrdersToShipAsync(HttpClient http, string postgres, IReadOnlyList<string> buyers, IReadOnlyList<(string Sku, int PackSize)> skus,
        string reference, int count, int offset)
    {
        var numbers = new ConcurrentBag<string>();
        var next = -1;
        await Task.WhenAll(buyers.Select((token, client) => Task.Run(async () =>
        {
            var random = new Random(offset * 31 + client);
            for (var n = Interlocked.Increment(ref next); n < count; n = Interlocked.Increment(ref next))
            {
                var products = skus.OrderBy(_ => random.Next()).Take(3).ToList();
                var body = new
                {
                    addressIndex = 0, deliveryChoice = "Partial", purchaseOrderReference = reference,
                    lines = products.Select((p, i) => new { sku = p.Sku, quantity = p.PackSize * (1 + i) }).ToArray(),
                };
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = JsonContent.Create(body) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.Add("Idempotency-Key", $"{reference}-{offset + n}");
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"Placing an order to ship: {(int)response.StatusCode} {text}");
                }

                numbers.Add(JsonDocument.Parse(text).RootElement.GetProperty("number").GetString()!);
            }
        })));

        await using var data = NpgsqlDataSource.Create(postgres);
        await using var command = data.CreateCommand("""
            SELECT o."Number", l."Sku", l."Quantity", (row_number() OVER (PARTITION BY o."Id" ORDER BY l."Sku"))::int,
                   (SELECT r."WarehouseCode" FROM inventory_reservations r
                    WHERE r."OrderId" = o."Id" AND r."Sku" = l."Sku" AND r."Status" = 'Active' AND r."ReceiptId" IS NULL AND r."WarehouseCode" <> ''
                    ORDER BY r."Quantity" DESC LIMIT 1)
            FROM ordering_orders o JOIN ordering_order_lines l ON l."OrderId" = o."Id"
            WHERE o."Number" = ANY(@numbers)
            ORDER BY o."Number", l."Sku"
            """);
        command.Parameters.AddWithValue("numbers", numbers.ToArray());
        var lines = new List<(string Number, LineToShip Line)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add((reader.GetString(0), new LineToShip(reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.IsDBNull(4) ? "" : reader.GetString(4))));
            }
        }

        if (lines.Any(l => l.Line.Warehouse.Length == 0))
        {
            throw new InvalidOperationException("An order line to ship holds no stock reservation: the bench's stock is too low.");
        }

        return lines.GroupBy(l => l.Number).Select(g => new OrderToShip(g.Key, g.Select(l => l.Line).ToList())).ToList();
    }

    /// <summary>
    /// The three invariants of shipping, each as the number of rows that break it: stock on hand now plus what this run's
    /// shipments picked equals on hand before (and the pick movements say the same), every line of the shipped orders has
    /// the shipped quantity its shipments carried, and every shipment has exactly one ShipmentShipped event in the outbox.
    /// </summary>
    private static async Task<long> VerifyShippingAsync(NpgsqlDataSource data, string run, string reference, long before)
    {
        var like = $"BENCH-SHIP-{run}-%";
        var picked = await ScalarAsync(data, """
            SELECT coalesce(sum(l."Quantity"), 0) FROM fulfillment_shipment_lines l JOIN fulfillment_shipments s ON s."Id" = l."ShipmentId"
            WHERE s."Reference" LIKE @like AND s."Status" = 'Shipped'
            """, like);
        var pickMovements = -await ScalarAsync(data, """SELECT coalesce(sum("Quantity"), 0) FROM inventory_movements WHERE "Kind" = 'Pick' AND "Reference" LIKE @like""", like);
        var onHand = await ScalarAsync(data, """SELECT sum("OnHand") FROM inventory_stock""");
        var stock = onHand + picked == before && pickMovements == picked ? 0 : 1;
        Console.WriteLine($"  check stock on hand + picked = before: {onHand:N0} + {picked:N0} = {onHand + picked:N0}, before {before:N0}; pick movements {pickMovements:N0}: {(stock == 0 ? "OK" : "BROKEN")}");

        var lines = await ScalarAsync(data, """
            WITH carried AS (SELECT l."OrderLineId", sum(l."Quantity") AS q FROM fulfillment_shipment_lines l JOIN fulfillment_shipments s ON s."Id" = l."ShipmentId"
                             WHERE s."Reference" LIKE @like AND s."Status" IN ('Shipped', 'Delivered') GROUP BY l."OrderLineId")
            SELECT count(*) FROM ordering_order_lines ol JOIN ordering_orders o ON o."Id" = ol."OrderId" LEFT JOIN carried c ON c."OrderLineId" = ol."Id"
            WHERE o."PurchaseOrderReference" = @reference AND ol."ShippedQuantity" <> coalesce(c.q, 0)
            """, like, reference);
        Console.WriteLine($"  check shipped quantity of every line = what its shipments carried: {(lines == 0 ? "OK" : $"{lines} lines differ")}");

        var events = await ScalarAsync(data, """
            WITH shipped AS (SELECT "Payload"::jsonb -> 'shipment' ->> 'reference' AS reference, count(*) AS n FROM platform_outbox
                             WHERE "Type" = 'ShipmentShipped' AND "Payload"::jsonb -> 'shipment' ->> 'reference' LIKE @like GROUP BY 1)
            SELECT count(*) FROM fulfillment_shipments s FULL JOIN shipped e ON e.reference = s."Reference"
            WHERE (s."Reference" LIKE @like OR s."Id" IS NULL) AND coalesce(e.n, 0) <> 1
            """, like);
        var shipments = await ScalarAsync(data, """SELECT count(*) FROM fulfillment_shipments WHERE "Reference" LIKE @like""", like);
        Console.WriteLine($"  check one ShipmentShipped event per shipment ({shipments:N0} shipments): {(events == 0 ? "OK" : $"{events} shipments with none or several")}");
        return stock + lines + events;
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource data, string sql, string? like = null, string? reference = null)
    {
        await using var command = data.CreateCommand(sql);
        command.CommandTimeout = 600;
        command.Parameters.AddWithValue("like", (object?)like ?? DBNull.Value);
        command.Parameters.AddWithValue("reference", (object?)reference ?? DBNull.Value);

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
