using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Uhrwerk.Bench;

/// <summary>
/// Issue 16's analytics over many answers: delivery-survey invitations and answers of 1,000 companies over two years (the demo
/// company among them, so its controller can sign in) go straight into the tables through binary COPY, first 10,000 answers and
/// then up to the largest size. COPY passes by the SaveChanges that keeps the daily scores, so they are rebuilt from the answers
/// by one INSERT … SELECT that counts them the same way. After each size wrk measures with one client the back office's figures
/// (last 12 weeks by reason, by company, two years per month by carrier, one company) and the controller's own.
/// </summary>
internal static partial class AllBench
{
    private const int FeedbackCompanies = 1_000;
    private const double FeedbackP99Target = 200;
    private static readonly string[] FeedbackCarriers = ["DHL", "DB Schenker", "UPS", "Dachser", "GLS"];
    private static readonly string[] FeedbackWarehouses = ["NORD", "SUED", "WEST"];

    public static async Task<int> FeedbackAsync(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            map[args[i].TrimStart('-')] = args[i + 1];
        }

        if (!map.TryGetValue("postgres", out var postgres))
        {
            Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/Uhrwerk.Bench -- feedback --postgres \"Host=127.0.0.1;Port=5432;Username=uhrwerk;Database=uhrwerk_bench\" [--seconds 10] [--wrk /usr/bin/wrk] [--responses 1000000]");
            return 2;
        }

        var seconds = int.Parse(map.GetValueOrDefault("seconds", "10"), CultureInfo.InvariantCulture);
        var (server, url) = await NotificationBench.StartServerAsync(postgres, NotificationBench.FreePort(), new Dictionary<string, string> { ["Notifications__Dispatcher__Enabled"] = "false" });
        IReadOnlyList<Row> rows;
        try
        {
            rows = await FeedbackScaleAsync(url, postgres, map.GetValueOrDefault("wrk", "/usr/bin/wrk"), Path.Combine(RepositoryRoot(), "bench", "wrk"), seconds,
                int.Parse(map.GetValueOrDefault("responses", "1000000"), CultureInfo.InvariantCulture));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }

        Print(rows, 1, seconds);
        return rows.Any(r => r.Met == false) ? 1 : 0;
    }

    /// <summary>The rows of the feedback figures: each call at 10,000 answers and at the largest size, its p99 and the ratio of the two.</summary>
    private static async Task<IReadOnlyList<Row>> FeedbackScaleAsync(string url, string postgres, string wrk, string scripts, int seconds, int largest)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var tokens = new Dictionary<string, string>
        {
            ["controller"] = await OrderBench.TokenAsync(http, DemoController, DemoPassword),
            ["staff"] = await OrderBench.TokenAsync(http, Staff, DemoPassword),
        };
        int[] sizes = largest > 10_000 ? [10_000, largest] : [largest];
        var measured = new Dictionary<(string Figure, int Size), WrkFigures>();
        var seedTimes = new List<TimeSpan>();
        var seeded = 0;
        var paths = Path.GetTempFileName();
        try
        {
            foreach (var size in sizes)
            {
                var took = await SeedFeedbackAsync(postgres, seeded, size);
                seedTimes.Add(took);
                seeded = size;
                Console.WriteLine(Invariant($"Seeded through COPY up to {size:N0} answers of {FeedbackCompanies:N0} companies in {took.TotalSeconds:F1} s (daily scores rebuilt)"));
                foreach (var call in await FeedbackCallsAsync(tokens, postgres))
                {
                    await File.WriteAllLinesAsync(paths, call.Paths);
                    var environment = new Dictionary<string, string> { ["UHRWERK_TOKEN"] = call.Token, ["UHRWERK_PATHS"] = paths };
                    await WrkAsync(wrk, url, 1, 2, Path.Combine(scripts, "paths.lua"), environment);
                    var figures = measured[(call.Figure, size)] = await WrkAsync(wrk, url, 1, seconds, Path.Combine(scripts, "paths.lua"), environment);
                    Console.WriteLine(Invariant($"{call.Figure}, {size:N0} answers, 1 client: {figures.PerSecond:F0}/s, p99 {figures.P99:F2} ms, {figures.Failures} failed"));
                }
            }

            await ExplainFeedbackAsync(postgres);
        }
        finally
        {
            File.Delete(paths);
        }

        var label = string.Join(" / ", sizes.Select(size => Invariant($"{size / 1000}k")));
        var rows = new List<Row> { new($"feedback answers seeded through COPY ({label} answers)", string.Join(" / ", seedTimes.Select(t => Invariant($"{t.TotalSeconds:F1} s"))), "", "", "reported", null) };
        rows.AddRange(measured.Keys.Select(k => k.Figure).Distinct().Select(figure =>
        {
            var small = measured[(figure, sizes[0])];
            var large = measured[(figure, sizes[^1])];
            return new Row($"{figure}, 1 client, {label} answers", sizes.Length == 1 ? Invariant($"{large.PerSecond:F0}/s") : Invariant($"{small.PerSecond:F0} / {large.PerSecond:F0}/s"),
                sizes.Length == 1 ? Ms(large.P99) : $"{Ms(small.P99)} / {Ms(large.P99)}", sizes.Length == 1 ? "" : Ratio(large.P99, small.P99) + " p99 large/small",
                Invariant($"p99 < {FeedbackP99Target} ms"), large.P99 < FeedbackP99Target && large.Failures + small.Failures == 0 && small.Requests > 0 && large.Requests > 0);
        }));
        return rows;
    }

    private static async Task<IReadOnlyList<ScaleCall>> FeedbackCallsAsync(IReadOnlyDictionary<string, string> tokens, string postgres)
    {
        var today = DateTime.UtcNow;
        string Day(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var twoYears = $"from={Day(today.AddDays(-730))}&to={Day(today)}";
        await using var data = NpgsqlDataSource.Create(postgres);
        await using var connection = await data.OpenConnectionAsync();
        var company = (await ScalarsAsync(connection,
            """SELECT "CompanyId" FROM feedback_responses WHERE "CompanyId" <> (SELECT c."Id" FROM accounts_companies c JOIN accounts_users u ON u."CompanyId" = c."Id" WHERE u."NormalizedEmail" = upper(@email)) LIMIT 1""",
            ("email", DemoController)))[0];
        const string staff = "/api/v1/backoffice/feedback/analytics";
        return
        [
            new("feedback analytics, all companies, last 12 weeks by reason", tokens["staff"], [staff, $"{staff}?by=carrier", $"{staff}?by=warehouse"], FeedbackP99Target),
            new("feedback analytics, by company, last 12 weeks", tokens["staff"], [$"{staff}?by=company"], FeedbackP99Target),
            new("feedback analytics, two years per month (carrier, reason)", tokens["staff"], [$"{staff}?{twoYears}&interval=month&by=carrier", $"{staff}?{twoYears}&interval=month&by=reason"], FeedbackP99Target),
            new("feedback analytics, one company, two years", tokens["staff"], [$"{staff}?{twoYears}&companyId={company}", $"{staff}?{twoYears}&companyId={company}&interval=month&by=warehouse"], FeedbackP99Target),
            new("feedback analytics, own company (controller)", tokens["controller"], ["/api/v1/feedback/analytics", $"/api/v1/feedback/analytics?{twoYears}&interval=month"], FeedbackP99Target),
            new("feedback analytics CSV, all companies, two years", tokens["staff"], [$"{staff}.csv?{twoYears}&interval=month&by=reason"], FeedbackP99Target),
        ];
    }

    /// <summary>
    /// Answers <paramref name="from"/> to <paramref name="to"/> (exclusive), each to an invitation sent an hour before, spread over
    /// 1,000 companies (company 0 is the demo company) and two years; then the daily scores are counted afresh from all answers
    /// and invitations. A fifth of the deliveries were late, and late ones get lower scores.
    /// </summary>
    private static async Task<TimeSpan> SeedFeedbackAsync(string postgres, int from, int to)
    {
        var clock = Stopwatch.StartNew();
        await using var data = NpgsqlDataSource.Create(postgres);
        await using var connection = await data.OpenConnectionAsync();
        var demo = (Guid)(await ScalarsAsync(connection, """
            SELECT c."Id" FROM accounts_companies c JOIN accounts_users u ON u."CompanyId" = c."Id" WHERE u."NormalizedEmail" = upper(@email)
            """, ("email", DemoController)))[0];
        var companies = Enumerable.Range(0, FeedbackCompanies).Select(k => k == 0 ? demo : new Guid(k, 0x16, 0x16, 0, 0, 0, 0, 0, 0, 0, 1)).ToArray();
        var random = new Random(from + 16);
        var now = DateTimeOffset.UtcNow;
        var answers = Enumerable.Range(from, to - from).Select(n =>
        {
            var at = now.AddMinutes(-random.Next(1, 730 * 24 * 60));
            var late = random.Next(5) == 0;
            var nps = late ? random.Next(0, 9) : random.Next(4, 11);
            return (Invitation: Guid.NewGuid(), Response: Guid.NewGuid(), Company: companies[n % FeedbackCompanies], User: Guid.NewGuid(), At: at, Nps: nps,
                Csat: random.Next(3) == 0 ? (int?)null : late ? random.Next(1, 5) : random.Next(3, 6), Reasons: late ? 1 | (random.Next(2) == 0 ? 8 : 0) : random.Next(4) == 0 ? 1 << random.Next(7) : 0,
                Carrier: FeedbackCarriers[random.Next(FeedbackCarriers.Length)], Warehouse: FeedbackWarehouses[random.Next(FeedbackWarehouses.Length)], OnTime: !late, Number: $"F{n:D9}");
        }).ToList();

        await using (var invitations = await connection.BeginBinaryImportAsync("""
            COPY feedback_invitations ("Id", "CompanyId", "Kind", "UserId", "Token", "CreatedAt", "DueAt", "SentAt", "ExpiresAt", "AnsweredAt", "ShipmentId", "OrderId", "OrderNumber",
                "Carrier", "WarehouseCode", "OnTime", "Version") FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var a in answers)
            {
                var sent = a.At.AddHours(-1);
                await invitations.WriteRowAsync(default, a.Invitation, a.Company, "Delivery", a.User, a.Invitation.ToString("N"), sent.AddMinutes(-1), sent, sent, sent.AddDays(14), a.At,
                    Guid.NewGuid(), Guid.NewGuid(), a.Number, a.Carrier, a.Warehouse, a.OnTime, 2);
            }

            await invitations.CompleteAsync();
        }

        await using (var responses = await connection.BeginBinaryImportAsync("""
            COPY feedback_responses ("Id", "CompanyId", "InvitationId", "Kind", "UserId", "RespondedAt", "Nps", "Csat", "Reasons", "OrderNumber", "Carrier", "WarehouseCode", "OnTime")
            FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var a in answers)
            {
                await responses.StartRowAsync();
                await responses.WriteAsync(a.Response, NpgsqlDbType.Uuid);
                await responses.WriteAsync(a.Company, NpgsqlDbType.Uuid);
                await responses.WriteAsync(a.Invitation, NpgsqlDbType.Uuid);
                await responses.WriteAsync("Delivery", NpgsqlDbType.Varchar);
                await responses.WriteAsync(a.User, NpgsqlDbType.Uuid);
                await responses.WriteAsync(a.At, NpgsqlDbType.TimestampTz);
                await responses.WriteAsync(a.Nps, NpgsqlDbType.Integer);
                if (a.Csat is { } csat)
                {
                    await responses.WriteAsync(csat, NpgsqlDbType.Integer);
                }
                else
                {
                    await responses.WriteNullAsync();
                }

                await responses.WriteAsync(a.Reasons, NpgsqlDbType.Integer);
                await responses.WriteAsync(a.Number, NpgsqlDbType.Varchar);
                await responses.WriteAsync(a.Carrier, NpgsqlDbType.Varchar);
                await responses.WriteAsync(a.Warehouse, NpgsqlDbType.Varchar);
                await responses.WriteAsync(a.OnTime, NpgsqlDbType.Boolean);
            }

            await responses.CompleteAsync();
        }

        // The daily scores as FeedbackRollup counts them: per Berlin day, company and once more for all (the empty id), kind, carrier,
        // warehouse, punctuality, and per reason named besides the row of every answer; invitations by the day they were sent.
        await using (var rebuild = new NpgsqlCommand("""
            TRUNCATE feedback_daily_scores;
            WITH reasons(bit, name) AS (VALUES (0, 'None'), (1, 'Punctuality'), (2, 'Completeness'), (4, 'Condition'), (8, 'Communication'), (16, 'Product'), (32, 'Service'), (64, 'Other')),
            counted AS (
                SELECT r."CompanyId" AS company, (r."RespondedAt" AT TIME ZONE 'Europe/Berlin')::date AS day, r."Kind" AS kind, coalesce(r."Carrier", '') AS carrier,
                       coalesce(r."WarehouseCode", '') AS warehouse, CASE r."OnTime" WHEN true THEN 'OnTime' WHEN false THEN 'Late' ELSE 'Unknown' END AS punctuality, x.name AS reason,
                       0 AS invited, 1 AS responses, (r."Nps" >= 9)::int AS promoters, (r."Nps" <= 6)::int AS detractors, (r."Csat" IS NOT NULL)::int AS csat, coalesce(r."Csat" >= 4, false)::int AS satisfied
                FROM feedback_responses r JOIN reasons x ON x.bit = 0 OR r."Reasons" & x.bit <> 0
                WHERE r."Nps" IS NOT NULL AND r."Kind" <> 'FollowUp'
                UNION ALL
                SELECT i."CompanyId", (i."SentAt" AT TIME ZONE 'Europe/Berlin')::date, i."Kind", coalesce(i."Carrier", ''), coalesce(i."WarehouseCode", ''),
                       CASE i."OnTime" WHEN true THEN 'OnTime' WHEN false THEN 'Late' ELSE 'Unknown' END, 'None', 1, 0, 0, 0, 0, 0
                FROM feedback_invitations i WHERE i."SentAt" IS NOT NULL AND i."Kind" <> 'FollowUp'),
            both_ AS (SELECT * FROM counted UNION ALL SELECT '00000000-0000-0000-0000-000000000000'::uuid, day, kind, carrier, warehouse, punctuality, reason, invited, responses,
                      promoters, detractors, csat, satisfied FROM counted)
            INSERT INTO feedback_daily_scores ("CompanyId", "Day", "Kind", "Carrier", "Warehouse", "Punctuality", "Reason", "Invited", "Responses", "Promoters", "Detractors",
                "CsatAnswers", "CsatSatisfied")
            SELECT company, day, kind, carrier, warehouse, punctuality, reason, sum(invited), sum(responses), sum(promoters), sum(detractors), sum(csat), sum(satisfied)
            FROM both_ GROUP BY company, day, kind, carrier, warehouse, punctuality, reason;
            ANALYZE feedback_daily_scores;
            ANALYZE feedback_responses;
            """, connection) { CommandTimeout = 1800 })
        {
            await rebuild.ExecuteNonQueryAsync();
        }

        return clock.Elapsed;
    }

    /// <summary>The plans of the heaviest queries, printed for the record: they read the daily scores by their key or the day index, never the answers.</summary>
    private static async Task ExplainFeedbackAsync(string postgres)
    {
        await using var data = NpgsqlDataSource.Create(postgres);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var (what, sql) in new[]
                 {
                     ("per day, all companies, two years", """
                         SELECT "Day", "Punctuality", sum("Responses"), sum("Promoters") FROM feedback_daily_scores
                         WHERE "Day" >= @from AND "Day" <= @to AND "CompanyId" = '00000000-0000-0000-0000-000000000000' AND "Reason" = 'None' GROUP BY "Day", "Punctuality"
                         """),
                     ("by company, last 12 weeks", """
                         SELECT "CompanyId", sum("Responses"), sum("Promoters") FROM feedback_daily_scores
                         WHERE "Day" >= @from12 AND "Day" <= @to AND "CompanyId" <> '00000000-0000-0000-0000-000000000000' AND "Reason" = 'None' GROUP BY "CompanyId"
                         """),
                 })
        {
            await using var command = data.CreateCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql);
            command.Parameters.AddWithValue("from", today.AddDays(-730));
            command.Parameters.AddWithValue("from12", today.AddDays(-84));
            command.Parameters.AddWithValue("to", today);
            Console.WriteLine($"EXPLAIN {what}:");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Console.WriteLine("  " + reader.GetString(0));
            }
        }
    }
}
