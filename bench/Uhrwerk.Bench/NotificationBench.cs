using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;

namespace Uhrwerk.Bench;

/// <summary>
/// Queues N notification events in PostgreSQL and measures how fast real server instances claim
/// them from the outbox and deliver the e-mails to a local SMTP sink (aiosmtpd's Sink handler).
/// </summary>
internal static class NotificationBench
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
            Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/Uhrwerk.Bench -- notifications --postgres \"Host=127.0.0.1;Port=5432;Username=uhrwerk;Database=uhrwerk_bench\" [--count 5000] [--instances 2]");
            return 2;
        }

        var count = int.Parse(map.GetValueOrDefault("count", "5000"), CultureInfo.InvariantCulture);
        var instances = int.Parse(map.GetValueOrDefault("instances", "1"), CultureInfo.InvariantCulture);
        var smtpPort = FreePort();
        using var smtp = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{smtpPort}", "-c", "aiosmtpd.handlers.Sink"]) { RedirectStandardError = true })!;
        var servers = new List<Process>();
        try
        {
            for (var i = 0; i < instances; i++)
            {
                servers.Add((await StartServerAsync(postgres, smtpPort)).Process);
            }

            await using var db = NpgsqlDataSource.Create(postgres);

            // A first, unmeasured round lets the servers JIT-compile and fill their pools.
            if (await MeasureAsync(db, 500) is null)
            {
                return 1;
            }

            if (await MeasureAsync(db, count) is not { } run)
            {
                return 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{count} notifications, {instances} instance(s) on PostgreSQL: outbox claimed at {count / run.Claimed:F0} events/s; {count / run.Total:F0} e-mails/s end to end ({run.Total:F1} s from queueing to the last e-mail); {count / (run.Total - run.FirstSent):F0} e-mails/s from the first to the last e-mail at the SMTP sink"));
            return 0;
        }
        finally
        {
            foreach (var server in servers)
            {
                server.Kill(entireProcessTree: true);
            }

            smtp.Kill();
        }
    }

    internal static async Task<(Process Process, string Url)> StartServerAsync(string postgres, int smtpPort, IReadOnlyDictionary<string, string>? settings = null)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Uhrwerk.slnx")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root!.FullName, "src", "Uhrwerk.Server", "bin", configuration, "net10.0", "Uhrwerk.Server.dll");
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [dll]) { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ASPNETCORE_URLS"] = url;
        start.Environment["Portal__PublicBaseUrl"] = url;
        start.Environment["Database__Provider"] = "Postgres";
        start.Environment["Database__ConnectionString"] = postgres;
        start.Environment["Smtp__Host"] = "127.0.0.1";
        start.Environment["Smtp__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Smtp__Security"] = "None";
        start.Environment["Notifications__Dispatcher__PollInterval"] = "00:00:00.050";
        start.Environment["Notifications__Dispatcher__BatchSize"] = "500";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        // Five minutes: on a machine shared with other builds, migrating a fresh database alone took more than two.
        for (var i = 0; i < 1500; i++)
        {
            try
            {
                if ((await http.GetAsync(url + "/health/ready")).IsSuccessStatusCode)
                {
                    return (process, url);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The server did not get ready.");
    }

    private sealed record Run(double Claimed, double FirstSent, double Total);

    private static async Task<Run?> MeasureAsync(NpgsqlDataSource db, int count)
    {
        var (_, before) = await ProgressAsync(db);
        await QueueAsync(db, count);
        var clock = Stopwatch.StartNew();
        double? claimed = null, firstSent = null;
        while (true)
        {
            var (open, sent) = await ProgressAsync(db);
            claimed ??= open == 0 ? clock.Elapsed.TotalSeconds : null;
            firstSent ??= sent > before ? clock.Elapsed.TotalSeconds : null;
            if (sent - before >= count)
            {
                var total = clock.Elapsed.TotalSeconds;
                return new Run(claimed ?? total, firstSent ?? 0, total);
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                Console.Error.WriteLine($"Gave up after 10 minutes: {sent - before} of {count} sent.");
                return null;
            }

            await Task.Delay(100);
        }
    }

    private static async Task QueueAsync(NpgsqlDataSource db, int count)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync("""COPY platform_outbox ("Id", "Type", "Payload", "OccurredAt", "Attempts") FROM STDIN (FORMAT BINARY)""");
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(Guid.CreateVersion7(now.AddTicks(i)));
            await writer.WriteAsync("AccountLinkIssued");
            await writer.WriteAsync(JsonSerializer.Serialize(new { purpose = "Invitation", userId = Guid.NewGuid(), email = $"user{Guid.NewGuid():N}@bench.example", displayName = $"User {i}", language = i % 2 == 0 ? "de" : "en", link = $"https://portal.example/set-password?n={i}" }));
            await writer.WriteAsync(now.AddTicks(i));
            await writer.WriteAsync(0);
        }

        await writer.CompleteAsync();
    }

    private static async Task<(long Open, long Sent)> ProgressAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("""SELECT (SELECT count(*) FROM platform_outbox WHERE "ProcessedAt" IS NULL), (SELECT count(*) FROM notifications_deliveries WHERE "Status" = 'Sent' AND "Recipient" LIKE '%@bench.example')""");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
