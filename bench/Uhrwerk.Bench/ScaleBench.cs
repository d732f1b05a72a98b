using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Uhrwerk.Bench;

/// <summary>
/// The order pages with many orders stored: companies, users and orders with their lines go straight
/// into the tables through binary COPY, 1,000 orders per company over two years (the demo company
/// among them, so its users can sign in; <c>--orders-per-company 400</c> gives issue 14's 1,000 companies
/// with a million order lines at <c>--orders 400000</c>), first 10,000 orders and then up to the largest size. After
/// each size wrk measures, with one client, the buyer's first page, a filtered company page, the
/// company's next pages and the back office's deep pages by cursor, order details and the budget
/// consumption. The demo company holds the same 1,000 orders at every size, so only the table grows.
/// </summary>
internal static partial class AllBench
{
    private const int DefaultOrdersPerCompany = 1_000;
    private const int UsersPerCompany = 5;
    private const string DemoController = "controlling@mueller-maschinenbau.example";
    private const string Staff = "service@uhrwerk.example";

    // Issue 14: the OTIF report over a million orders' lines.
    private const double OtifP99Target = 200;

    private static readonly string[] RecentStatuses = ["Placed", "Placed", "Confirmed", "Confirmed", "InFulfillment", "PartiallyShipped", "Shipped", "Shipped", "Delivered", "PendingApproval", "Cancelled"];
    private static readonly string[] OlderStatuses = ["Closed", "Closed", "Closed", "Closed", "Closed", "Closed", "Closed", "Delivered", "Cancelled", "Rejected", "Withdrawn"];
    private static readonly HashSet<string> NeverPlaced = ["PendingApproval", "Rejected", "Withdrawn"];
    private static readonly HashSet<string> Shipped = ["Shipped", "Delivered", "Closed"];

    /// <param name="P99Target">The target for the call's p99 at the largest size, in ms.</param>
    private sealed record ScaleCall(string Figure, string Token, IReadOnlyList<string> Paths, double P99Target = 20);

    private sealed record Product(Guid Id, string Sku, string Name, string Unit, decimal Price);

    private sealed record SeededLine(Guid Id, Guid OrderId, Product Product, int Quantity, DateOnly Promised)
    {
        public int Shipped { get; set; }
        public int Delivered { get; set; }

        public DateOnly? LastDeliveredOn { get; set; }
    }

    /// <summary>A partial delivery of a seeded order: shipped, and delivered on <paramref name="DeliveredOn"/> unless null.</summary>
    private sealed record SeededShipment(Guid Id, Guid OrderId, Guid CompanyId, string OrderNumber, string Reference, string Warehouse, string Carrier, DateOnly Promised,
        DateTimeOffset ShippedAt, DateOnly? DeliveredOn, IReadOnlyList<(SeededLine Line, int Quantity)> Lines);

    private static readonly string[] Carriers = ["DHL", "DB Schenker", "UPS", "Dachser"];

    private static int OrdersPerCompany(IReadOnlyDictionary<string, string> options) =>
        int.Parse(options.GetValueOrDefault("orders-per-company", DefaultOrdersPerCompany.ToString(System.Globalization.CultureInfo.InvariantCulture)), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The rows of the scale figures: each call at 10,000 orders and at the largest size, its p99 and the ratio of the two.</summary>
    private static async Task<IReadOnlyList<Row>> ScaleAsync(string url, string postgres, string wrk, string scripts, int seconds, int largest, int ordersPerCompany)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var tokens = new Dictionary<string, string>
        {
            ["buyer"] = await OrderBench.TokenAsync(http, DemoBuyer, DemoPassword),
            ["controller"] = await OrderBench.TokenAsync(http, DemoController, DemoPassword),
            ["staff"] = await OrderBench.TokenAsync(http, Staff, DemoPassword),
        };
        int[] sizes = largest > 10_000 ? [10_000, largest] : [largest];
        var measured = new Dictionary<(string Figure, int Size), WrkFigures>();
        var targets = new Dictionary<string, double>();
        var seedTimes = new List<TimeSpan>();
        var lineCounts = new List<long>();
        var seeded = 0;
        var paths = Path.GetTempFileName();
        try
        {
            foreach (var size in sizes)
            {
                var took = await SeedOrdersAsync(postgres, seeded / ordersPerCompany, size / ordersPerCompany, ordersPerCompany);
                seedTimes.Add(took);
                seeded = size;
                lineCounts.Add(await OrderLinesAsync(postgres));
                Console.WriteLine(Invariant($"Seeded through COPY up to {size:N0} orders ({lineCounts[^1]:N0} order lines) of {size / ordersPerCompany:N0} companies in {took.TotalSeconds:F1} s"));
                foreach (var call in await ScaleCallsAsync(http, tokens, postgres))
                {
                    targets[call.Figure] = call.P99Target;
                    await File.WriteAllLinesAsync(paths, call.Paths);
                    var environment = new Dictionary<string, string> { ["UHRWERK_TOKEN"] = call.Token, ["UHRWERK_PATHS"] = paths };
                    await WrkAsync(wrk, url, 1, 2, Path.Combine(scripts, "paths.lua"), environment);
                    var figures = measured[(call.Figure, size)] = await WrkAsync(wrk, url, 1, seconds, Path.Combine(scripts, "paths.lua"), environment);
                    Console.WriteLine(Invariant($"{call.Figure}, {size:N0} orders, 1 client: {figures.PerSecond:F0}/s, p99 {figures.P99:F2} ms, {figures.Failures} failed"));
                }
            }
        }
        finally
        {
            File.Delete(paths);
        }

        var label = string.Join(" / ", sizes.Select(size => Invariant($"{size / 1000}k"))) + " orders, "
                    + string.Join(" / ", lineCounts.Select(lines => Invariant($"{lines / 1000}k"))) + " lines";
        var rows = new List<Row> { new($"orders seeded through COPY ({label})", string.Join(" / ", seedTimes.Select(t => Invariant($"{t.TotalSeconds:F1} s"))), "", "", "reported", null) };
        rows.AddRange(measured.Keys.Select(k => k.Figure).Distinct().Select(figure =>
        {
            var small = measured[(figure, sizes[0])];
            var large = measured[(figure, sizes[^1])];
            return new Row($"{figure}, 1 client, {label}", sizes.Length == 1 ? Invariant($"{large.PerSecond:F0}/s") : Invariant($"{small.PerSecond:F0} / {large.PerSecond:F0}/s"),
                sizes.Length == 1 ? Ms(large.P99) : $"{Ms(small.P99)} / {Ms(large.P99)}", sizes.Length == 1 ? "" : Ratio(large.P99, small.P99) + " p99 large/small",
                Invariant($"p99 < {targets[figure]} ms, flat"), large.P99 < targets[figure] && large.Failures + small.Failures == 0 && small.Requests > 0 && large.Requests > 0);
        }));
        return rows;
    }

    /// <summary>What a buyer, the company's controller and the back office read, with the cursors and ids they read them by.</summary>
    private static async Task<IReadOnlyList<ScaleCall>> ScaleCallsAsync(HttpClient http, IReadOnlyDictionary<string, string> tokens, string postgres)
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var yearAgo = DateTime.UtcNow.AddYears(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var companyPages = await CursorPathsAsync(http, tokens["controller"], "/api/v1/orders?company=true&pageSize=25", 2, 40);
        var backOfficePages = await CursorPathsAsync(http, tokens["staff"], "/api/v1/backoffice/orders?pageSize=25", 251, 300);
        var details = (await ItemIdsAsync(http, tokens["controller"], companyPages)).Select(id => $"/api/v1/orders/{id}").ToList();
        return
        [
            new("order list, first page (buyer)", tokens["buyer"], ["/api/v1/orders?pageSize=25"]),
            new("order list, filtered (status, dates)", tokens["controller"], [$"/api/v1/orders?company=true&status=Closed&from={yearAgo}&to={today}&pageSize=25"]),
            new("order list, next pages 2-40 (company)", tokens["controller"], companyPages),
            new("back office, pages 251-300 by cursor", tokens["staff"], backOfficePages),
            new("order detail", tokens["controller"], details),
            new("budget consumption", tokens["controller"], ["/api/v1/company/budget-consumption"]),
            new("OTIF report, all companies, last 12 weeks", tokens["staff"], ["/api/v1/backoffice/otif"], OtifP99Target),
            new("OTIF report, filtered (company, warehouse, carrier, month)", tokens["staff"], await OtifFilteredPathsAsync(postgres), OtifP99Target),
            new("OTIF report, own company (controller)", tokens["controller"], ["/api/v1/company/otif", $"/api/v1/company/otif?from={yearAgo}&to={today}"], OtifP99Target),
        ];
    }

    /// <summary>The back office's OTIF report narrowed the ways staff narrow it: one company, one warehouse, one carrier, one month, and all of them at once.</summary>
    private static async Task<IReadOnlyList<string>> OtifFilteredPathsAsync(string postgres)
    {
        await using var data = NpgsqlDataSource.Create(postgres);
        await using var connection = await data.OpenConnectionAsync();
        var company = (Guid)(await ScalarsAsync(connection, """SELECT "Id" FROM accounts_companies WHERE "CustomerNumber" LIKE 'S%' ORDER BY "CustomerNumber" DESC LIMIT 1"""))[0];
        var warehouse = (string)(await ScalarsAsync(connection, """SELECT "Code" FROM inventory_warehouses ORDER BY "Code" LIMIT 1"""))[0];
        var monthAgo = DateTime.UtcNow.AddDays(-60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var monthEnd = DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var carrier = Uri.EscapeDataString(Carriers[1]);
        return
        [
            $"/api/v1/backoffice/otif?companyId={company}",
            $"/api/v1/backoffice/otif?warehouse={warehouse}",
            $"/api/v1/backoffice/otif?carrier={carrier}",
            $"/api/v1/backoffice/otif?from={monthAgo}&to={monthEnd}",
            $"/api/v1/backoffice/otif?from={monthAgo}&to={monthEnd}&companyId={company}&warehouse={warehouse}&carrier={carrier}",
        ];
    }

    /// <summary>The addresses of the pages first to last of a list, reached by following its cursors from the start.</summary>
    private static async Task<IReadOnlyList<string>> CursorPathsAsync(HttpClient http, string token, string list, int first, int last)
    {
        var paths = new List<string>();
        var page = list;
        for (var number = 1; number <= last; number++)
        {
            if (number >= first)
            {
                paths.Add(page);
            }

            var next = (await GetJsonAsync(http, token, page)).GetProperty("next");
            if (next.ValueKind == System.Text.Json.JsonValueKind.Null)
            {
                break;
            }

            page = $"{list}&after={next.GetString()}";
        }

        return paths;
    }

    private static async Task<IReadOnlyList<Guid>> ItemIdsAsync(HttpClient http, string token, IEnumerable<string> pages)
    {
        var ids = new List<Guid>();
        foreach (var page in pages.Take(8))
        {
            ids.AddRange((await GetJsonAsync(http, token, page)).GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
        }

        return ids;
    }

    private static async Task<System.Text.Json.JsonElement> GetJsonAsync(HttpClient http, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}");
        }

        return System.Text.Json.JsonDocument.Parse(body).RootElement;
    }

    /// <summary>
    /// Companies <paramref name="from"/> to <paramref name="to"/> (exclusive) with their users, orders and lines, and the
    /// budget ledgers their orders add up to. Company 0 is the demo company: its buyer places a fifth of its orders.
    /// </summary>
    private static async Task<TimeSpan> SeedOrdersAsync(string postgres, int from, int to, int ordersPerCompany)
    {
        var clock = Stopwatch.StartNew();
        await using var data = NpgsqlDataSource.Create(postgres);
        await using var connection = await data.OpenConnectionAsync();
        var products = new List<Product>();
        await using (var read = new NpgsqlCommand("""SELECT "Id", "Sku", "NameDe", "Unit", "ListPrice" FROM catalog_products WHERE "IsActive" ORDER BY "Sku" LIMIT 200""", connection))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                products.Add(new Product(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDecimal(4)));
            }
        }

        var warehouses = new List<string>();
        await using (var read = new NpgsqlCommand("""SELECT "Code" FROM inventory_warehouses ORDER BY "Code" """, connection))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                warehouses.Add(reader.GetString(0));
            }
        }

        var demo = await ScalarsAsync(connection, """
            SELECT c."Id", c."CustomerNumber", u."Id", u."DisplayName" FROM accounts_companies c JOIN accounts_users u ON u."CompanyId" = c."Id"
            WHERE u."NormalizedEmail" = upper(@email)
            """, ("email", DemoBuyer));
        var random = new Random(from * 7919 + to);
        var now = DateTimeOffset.UtcNow;
        var companies = Enumerable.Range(from, to - from).Select(k => k == 0
            ? (Id: (Guid)demo[0], Number: (string)demo[1], Name: "", Street: "Königstraße 12", PostalCode: "70173", City: "Stuttgart")
            : (Id: Guid.CreateVersion7(now), Number: $"S{k:D6}", Name: $"Skalen-Kunde {k} GmbH", Street: $"Industriestraße {k % 200 + 1}", PostalCode: $"{10000 + k * 83 % 89999:D5}", City: "Musterstadt")).ToList();
        var users = companies.SelectMany((c, i) => Enumerable.Range(0, UsersPerCompany).Select(u => (CompanyIndex: i, Id: from + i == 0 && u == 0 ? (Guid)demo[2] : Guid.CreateVersion7(now),
            Name: from + i == 0 && u == 0 ? (string)demo[3] : $"Einkäufer {from + i}-{u}", Email: $"scale-{from + i}-{u}@scale.example", Seeded: from + i != 0 || u != 0))).ToList();

        await using (var copy = await connection.BeginBinaryImportAsync("""COPY accounts_companies ("Id", "ActivatedAt", "CustomerNumber", "Name", "Status", "addresses") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var c in companies.Where(c => c.Name.Length > 0))
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(now.AddYears(-3), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(c.Number, NpgsqlDbType.Varchar);
                await copy.WriteAsync(c.Name, NpgsqlDbType.Varchar);
                await copy.WriteAsync("Active", NpgsqlDbType.Varchar);
                await copy.WriteAsync($$"""[{"Kind":"Shipping","Street":"{{c.Street}}","PostalCode":"{{c.PostalCode}}","City":"{{c.City}}","Country":"DE"}]""", NpgsqlDbType.Jsonb);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY accounts_users ("Id", "AccessFailedCount", "CompanyId", "ConcurrencyStamp", "CreatedAt", "DisplayName", "Email", "EmailConfirmed", "IsActive", "Language",
                "LockoutEnabled", "NormalizedEmail", "NormalizedUserName", "PhoneNumberConfirmed", "RoleIds", "SecurityStamp", "TwoFactorEnabled", "UserName",
                "budget_period", "budget_period_amount") FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var u in users.Where(u => u.Seeded))
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(u.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
                await copy.WriteAsync(companies[u.CompanyIndex].Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(Guid.NewGuid().ToString(), NpgsqlDbType.Text);
                await copy.WriteAsync(now.AddYears(-3), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(u.Name, NpgsqlDbType.Varchar);
                await copy.WriteAsync(u.Email, NpgsqlDbType.Varchar);
                await copy.WriteAsync(true, NpgsqlDbType.Boolean);
                await copy.WriteAsync(true, NpgsqlDbType.Boolean);
                await copy.WriteAsync("de", NpgsqlDbType.Varchar);
                await copy.WriteAsync(true, NpgsqlDbType.Boolean);
                await copy.WriteAsync(u.Email.ToUpperInvariant(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(u.Email.ToUpperInvariant(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(Array.Empty<Guid>(), NpgsqlDbType.Array | NpgsqlDbType.Uuid);
                await copy.WriteAsync(Guid.NewGuid().ToString("N").ToUpperInvariant(), NpgsqlDbType.Text);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(u.Email, NpgsqlDbType.Varchar);
                await copy.WriteAsync("Month", NpgsqlDbType.Varchar);
                await copy.WriteAsync(50_000m, NpgsqlDbType.Numeric);
            }

            await copy.CompleteAsync();
        }

        // A hundred companies at a time: their lines wait in memory until their orders are in, for the lines' foreign key.
        for (var chunk = 0; chunk < companies.Count; chunk += 100)
        {
            var (lines, shipments) = await CopyOrdersAsync(connection, companies, users, chunk, Math.Min(companies.Count, chunk + 100), from, ordersPerCompany, products, warehouses,
                random, now);
            await CopyLinesAsync(connection, lines);
            await CopyShipmentsAsync(connection, shipments);
        }

        // The ledgers hold what the placed orders add up to per buyer and month, as placing them would have left them.
        await using (var ledgers = new NpgsqlCommand("""
            INSERT INTO ordering_budget_ledgers ("UserId", "PeriodStart", "CompanyId", "SpentCents")
            SELECT "BuyerId", date_trunc('month', "PlacedAt" AT TIME ZONE 'Europe/Berlin')::date, "CompanyId", sum(round("Total" * 100))::bigint
            FROM ordering_orders
            WHERE "CompanyId" = ANY(@companies) AND "Number" LIKE 'SC-%' AND "PlacedAt" IS NOT NULL AND "Status" <> 'Cancelled'
            GROUP BY 1, 2, 3
            ON CONFLICT ("UserId", "PeriodStart") DO UPDATE SET "SpentCents" = ordering_budget_ledgers."SpentCents" + excluded."SpentCents";
            """, connection))
        {
            ledgers.Parameters.AddWithValue("companies", companies.Select(c => c.Id).ToArray());
            ledgers.CommandTimeout = 0;
            await ledgers.ExecuteNonQueryAsync();
        }

        // Index-only scans (the OTIF report's) skip the rows only on pages the visibility map marks all-visible: as autovacuum would
        // have marked them by the time a million lines had been placed one by one, not seconds after a COPY.
        await using (var vacuum = new NpgsqlCommand("""
            VACUUM ANALYZE accounts_companies, accounts_users, ordering_orders, ordering_order_lines, ordering_budget_ledgers, fulfillment_shipments, fulfillment_shipment_lines
            """, connection))
        {
            vacuum.CommandTimeout = 0;
            await vacuum.ExecuteNonQueryAsync();
        }

        return clock.Elapsed;
    }

    private static async Task<(List<SeededLine> Lines, List<SeededShipment> Shipments)> CopyOrdersAsync(NpgsqlConnection connection,
        IReadOnlyList<(Guid Id, string Number, string Name, string Street, string PostalCode, string City)> companies,
        IReadOnlyList<(int CompanyIndex, Guid Id, string Name, string Email, bool Seeded)> users, int first, int end, int from, int ordersPerCompany, IReadOnlyList<Product> products,
        IReadOnlyList<string> warehouses, Random random, DateTimeOffset now)
    {
        var lines = new List<SeededLine>();
        var shipments = new List<SeededShipment>();
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY ordering_orders ("Id", "ApprovalRound", "BuyerId", "BuyerName", "CompanyId", "CreatedAt", "CustomerNumber", "DeliveryChoice", "Number", "PlacedAt",
                "PurchaseOrderReference", "ShipTo", "ShipToCountry", "ShipToPostalCode", "Status", "Total", "Version", "Findings", "RequestedDeliveryDate") FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var i = first; i < end; i++)
            {
                var company = companies[i];
                var buyers = users.Where(u => u.CompanyIndex == i).ToList();
                for (var n = 0; n < ordersPerCompany; n++)
                {
                    var created = now.AddMinutes(-random.Next(5, 2 * 365 * 24 * 60));
                    created = created.AddTicks(-(created.UtcTicks % 10));
                    var status = (now - created).TotalDays > 30 ? OlderStatuses[random.Next(OlderStatuses.Length)] : RecentStatuses[random.Next(RecentStatuses.Length)];
                    var buyer = buyers[n % buyers.Count];
                    var id = Guid.CreateVersion7(created);
                    var number = Invariant($"SC-{(from + i) * ordersPerCompany + n:D9}");
                    var total = 0m;
                    var orderLines = new List<SeededLine>();
                    for (var l = 0; l < 2 + random.Next(2); l++)
                    {
                        var product = products[random.Next(products.Count)];
                        var quantity = 1 + random.Next(50);
                        total += quantity * product.Price;
                        orderLines.Add(new SeededLine(Guid.NewGuid(), id, product, quantity, DateOnly.FromDateTime(created.UtcDateTime.AddDays(3 + random.Next(8)))));
                    }

                    lines.AddRange(orderLines);
                    if (Shipped.Contains(status))
                    {
                        shipments.AddRange(Deliveries(orderLines, company.Id, number, delivered: status != "Shipped", warehouses, random, now));
                    }

                    await copy.StartRowAsync();
                    await copy.WriteAsync(id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(status is "PendingApproval" or "Rejected" ? 1 : 0, NpgsqlDbType.Integer);
                    await copy.WriteAsync(buyer.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(buyer.Name, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(company.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(created, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(company.Number, NpgsqlDbType.Varchar);
                    await copy.WriteAsync("Complete", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(number, NpgsqlDbType.Varchar);
                    if (NeverPlaced.Contains(status))
                    {
                        await copy.WriteNullAsync();
                    }
                    else
                    {
                        await copy.WriteAsync(created.AddSeconds(1), NpgsqlDbType.TimestampTz);
                    }

                    await copy.WriteAsync(Invariant($"PO-{from + i}-{n}"), NpgsqlDbType.Varchar);
                    await copy.WriteAsync($"{company.Street}, {company.PostalCode} {company.City}", NpgsqlDbType.Varchar);
                    await copy.WriteAsync("DE", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(company.PostalCode, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(status, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(total, NpgsqlDbType.Numeric);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer);
                    await copy.WriteAsync("[]", NpgsqlDbType.Varchar);

                    // Six orders in ten name a delivery date, mostly a day or two before the promise could meet it, sometimes after.
                    if (random.Next(10) < 6)
                    {
                        await copy.WriteAsync(orderLines.Max(l => l.Promised).AddDays(random.Next(-3, 2)), NpgsqlDbType.Date);
                    }
                    else
                    {
                        await copy.WriteNullAsync();
                    }
                }
            }

            await copy.CompleteAsync();
        }

        return (lines, shipments);
    }

    /// <summary>
    /// How a shipped order went out, in the mix OTIF measures: most in one shipment on or before the promised date, some late,
    /// some short (a line one unit under its quantity) and some split over two warehouses and days. Only a delivered order's
    /// shipments arrived; a short line's missing unit stays unshipped.
    /// </summary>
    private static IEnumerable<SeededShipment> Deliveries(IReadOnlyList<SeededLine> lines, Guid companyId, string orderNumber, bool delivered, IReadOnlyList<string> warehouses,
        Random random, DateTimeOffset now)
    {
        var promised = lines.Min(l => l.Promised);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var kind = random.Next(10);
        var late = kind == 7 ? 1 + random.Next(6) : 0;
        var first = lines.Select(l => (Line: l, Quantity: kind == 8 && l == lines[0] && l.Quantity > 1 ? l.Quantity - 1 : l.Quantity)).ToList();
        var parts = new List<(List<(SeededLine Line, int Quantity)> Lines, DateOnly Arrives)>();
        if (kind == 9)
        {
            // Split: the last line comes from another warehouse, on time or a few days late.
            parts.Add((first.Take(first.Count - 1).ToList(), promised.AddDays(-random.Next(3))));
            parts.Add(([first[^1]], promised.AddDays(random.Next(-1, 4))));
        }
        else
        {
            parts.Add((first, promised.AddDays(late == 0 ? -random.Next(3) : late)));
        }

        var warehouse = random.Next(warehouses.Count);
        foreach (var (part, index) in parts.Select((p, i) => (p, i)))
        {
            var arrives = part.Arrives > today ? today : part.Arrives;
            foreach (var (line, quantity) in part.Lines)
            {
                line.Shipped += quantity;
                if (delivered)
                {
                    line.Delivered += quantity;
                    line.LastDeliveredOn = line.LastDeliveredOn > arrives ? line.LastDeliveredOn : arrives;
                }
            }

            yield return new SeededShipment(Guid.CreateVersion7(now), lines[0].OrderId, companyId, orderNumber, $"{orderNumber}-{index + 1}", warehouses[(warehouse + index) % warehouses.Count],
                Carriers[random.Next(Carriers.Length)], promised, new DateTimeOffset(arrives.AddDays(-2).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero), delivered ? arrives : null, part.Lines);
        }
    }

    private static async Task CopyLinesAsync(NpgsqlConnection connection, IEnumerable<SeededLine> lines)
    {
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY ordering_order_lines ("Id", "OrderId", "ProductId", "Sku", "Name", "Unit", "Quantity", "UnitPrice", "LineTotal", "PromisedDate", "Deliveries", "ShippedQuantity",
                "DeliveredQuantity", "LastDeliveredOn")
            FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var line in lines)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(line.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(line.OrderId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(line.Product.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(line.Product.Sku, NpgsqlDbType.Varchar);
                await copy.WriteAsync(line.Product.Name, NpgsqlDbType.Varchar);
                await copy.WriteAsync(line.Product.Unit, NpgsqlDbType.Varchar);
                await copy.WriteAsync(line.Quantity, NpgsqlDbType.Integer);
                await copy.WriteAsync(line.Product.Price, NpgsqlDbType.Numeric);
                await copy.WriteAsync(line.Quantity * line.Product.Price, NpgsqlDbType.Numeric);
                await copy.WriteAsync(line.Promised, NpgsqlDbType.Date);
                await copy.WriteAsync("[]", NpgsqlDbType.Varchar);
                await copy.WriteAsync(line.Shipped, NpgsqlDbType.Integer);
                await copy.WriteAsync(line.Delivered, NpgsqlDbType.Integer);
                if (line.LastDeliveredOn is { } last)
                {
                    await copy.WriteAsync(last, NpgsqlDbType.Date);
                }
                else
                {
                    await copy.WriteNullAsync();
                }
            }

            await copy.CompleteAsync();
        }
    }

    private static async Task CopyShipmentsAsync(NpgsqlConnection connection, IReadOnlyList<SeededShipment> shipments)
    {
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY fulfillment_shipments ("Id", "CompanyId", "OrderId", "OrderNumber", "Reference", "WarehouseCode", "PlannedShipDate", "PromisedDeliveryDate", "Carrier", "Status",
                "CreatedAt", "PickingAt", "PackedAt", "ShippedAt", "DeliveredAt", "DeliveredOn", "Version") FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var s in shipments)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(s.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(s.CompanyId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(s.OrderId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(s.OrderNumber, NpgsqlDbType.Varchar);
                await copy.WriteAsync(s.Reference, NpgsqlDbType.Varchar);
                await copy.WriteAsync(s.Warehouse, NpgsqlDbType.Varchar);
                await copy.WriteAsync(DateOnly.FromDateTime(s.ShippedAt.UtcDateTime), NpgsqlDbType.Date);
                await copy.WriteAsync(s.Promised, NpgsqlDbType.Date);
                await copy.WriteAsync(s.Carrier, NpgsqlDbType.Varchar);
                await copy.WriteAsync(s.DeliveredOn is null ? "Shipped" : "Delivered", NpgsqlDbType.Varchar);
                await copy.WriteAsync(s.ShippedAt.AddDays(-1), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(s.ShippedAt.AddHours(-4), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(s.ShippedAt.AddHours(-1), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(s.ShippedAt, NpgsqlDbType.TimestampTz);
                if (s.DeliveredOn is { } on)
                {
                    await copy.WriteAsync(new DateTimeOffset(on.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(on, NpgsqlDbType.Date);
                }
                else
                {
                    await copy.WriteNullAsync();
                    await copy.WriteNullAsync();
                }

                await copy.WriteAsync(s.DeliveredOn is null ? 4 : 5, NpgsqlDbType.Integer);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY fulfillment_shipment_lines ("Id", "ShipmentId", "OrderLineId", "Position", "Sku", "Name", "Unit", "Quantity") FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var s in shipments)
            {
                foreach (var ((line, quantity), position) in s.Lines.Select((l, i) => (l, i + 1)))
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                    await copy.WriteAsync(s.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(line.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(position, NpgsqlDbType.Integer);
                    await copy.WriteAsync(line.Product.Sku, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(line.Product.Name, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(line.Product.Unit, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(quantity, NpgsqlDbType.Integer);
                }
            }

            await copy.CompleteAsync();
        }
    }

    private static async Task<long> OrderLinesAsync(string postgres)
    {
        await using var data = NpgsqlDataSource.Create(postgres);
        await using var connection = await data.OpenConnectionAsync();
        return (long)(await ScalarsAsync(connection, """SELECT count(*) FROM ordering_order_lines"""))[0];
    }

    private static async Task<object[]> ScalarsAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException("The demo data is missing: " + sql);
        }

        var values = new object[reader.FieldCount];
        reader.GetValues(values);
        return values;
    }
}
