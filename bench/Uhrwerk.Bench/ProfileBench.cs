using System.Globalization;

namespace Uhrwerk.Bench;

/// <summary>
/// The server of <c>bench/profile.sh</c>: started and prepared exactly as the benchmark of record does
/// (Release build, PostgreSQL, bench buyers with a budget, stock topped up, 100,000 products for the
/// search), then left running for the profiler. The wrk environment and the server's process id go
/// to a file the script sources; the server runs until this process's standard input closes.
/// </summary>
internal static partial class AllBench
{
    public static async Task<int> ServeForProfileAsync(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            map[args[i].TrimStart('-')] = args[i + 1];
        }

        if (!map.TryGetValue("postgres", out var postgres) || !map.TryGetValue("env", out var environmentFile))
        {
            Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/Uhrwerk.Bench -- serve --postgres \"Host=...\" --env /tmp/profile.env [--clients 8]");
            return 2;
        }

        var clients = int.Parse(map.GetValueOrDefault("clients", "8"), CultureInfo.InvariantCulture);
        var (server, url) = await NotificationBench.StartServerAsync(postgres, NotificationBench.FreePort(), new Dictionary<string, string>(TrackingSettings()) { ["Notifications__Dispatcher__Enabled"] = "false" });
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            var buyers = new List<string>();
            for (var i = 0; i < clients; i++)
            {
                buyers.Add(await OrderBench.NewBuyerAsync(http, postgres, i));
            }

            var token = await OrderBench.TokenAsync(http, DemoBuyer, DemoPassword);
            var skus = await OrderBench.SkusAsync(postgres);
            await TopUpStockAsync(postgres);
            await SeedCatalogAsync(postgres);
            await SeedTrackingAsync(postgres);
            var environment = new Dictionary<string, string>
            {
                ["UHRWERK_URL"] = url,
                ["UHRWERK_PID"] = server.Id.ToString(CultureInfo.InvariantCulture),
                ["UHRWERK_TOKEN"] = token,
                ["UHRWERK_TOKENS"] = string.Join(',', buyers),
                ["UHRWERK_SKUS"] = string.Join(',', skus.Select(s => Invariant($"{s.Sku}:{s.PackSize}"))),
                ["UHRWERK_TERMS"] = string.Join(',', SearchTerms.Select(Uri.EscapeDataString)),
                ["UHRWERK_TRACKED"] = TrackedShipments.ToString(CultureInfo.InvariantCulture),
                ["UHRWERK_THREADS"] = Math.Min(2, clients).ToString(CultureInfo.InvariantCulture),
                ["UHRWERK_WEBHOOKS"] = await SignWebhooksAsync("bench", WebhookEvents, DateTimeOffset.UtcNow.AddHours(-1)),
            };
            var temporary = environmentFile + ".part";
            await File.WriteAllLinesAsync(temporary, environment.Select(e => $"export {e.Key}='{e.Value}'"));
            File.Move(temporary, environmentFile, overwrite: true);
            Console.WriteLine($"Server {url} (process {server.Id}) ready for profiling; close standard input to stop it.");
            await Console.In.ReadToEndAsync();
            return 0;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }
}
