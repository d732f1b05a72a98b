using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

// A closed-loop HTTP load generator against a running Uhrwerk server. Each client signs in once
// (bearer token) and then sends GET requests back to back for the given time. Prints throughput
// and latency percentiles. Only loopback targets: this is a benchmark, not a load-test service.
if (args is ["notifications", ..])
{
    return await Uhrwerk.Bench.NotificationBench.RunAsync(args[1..]);
}

if (args is ["inventory", ..])
{
    return await Uhrwerk.Bench.InventoryBench.RunAsync(args[1..]);
}

if (args is ["all", ..])
{
    return await Uhrwerk.Bench.AllBench.RunAsync(args[1..]);
}

if (args is ["fulfillment", ..])
{
    return await Uhrwerk.Bench.AllBench.FulfillmentAsync(args[1..]);
}

if (args is ["feedback", ..])
{
    return await Uhrwerk.Bench.AllBench.FeedbackAsync(args[1..]);
}

if (args is ["serve", ..])
{
    return await Uhrwerk.Bench.AllBench.ServeForProfileAsync(args[1..]);
}

if (args is ["invariants", "--postgres", var database])
{
    return await Uhrwerk.Bench.InventoryBench.VerifyAsync(database) + await Uhrwerk.Bench.AllBench.VerifyBudgetsAsync(database) == 0 ? 0 : 1;
}

if (args is ["orders", ..])
{
    return await Uhrwerk.Bench.OrderBench.RunAsync(args[1..]);
}

var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/Uhrwerk.Bench -- --url http://127.0.0.1:5000 [--path /api/v1/me] [--clients 8] [--seconds 20] [--user EMAIL] [--password PW]");
    return 2;
}

if (!new Uri(options.Url).IsLoopback)
{
    Console.Error.WriteLine("The benchmark only targets servers on this machine (loopback).");
    return 2;
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients * 2 }) { BaseAddress = new Uri(options.Url) };
var signIn = await http.PostAsJsonAsync("/api/v1/auth/token", new { email = options.User, password = options.Password });
signIn.EnsureSuccessStatusCode();
var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();

var deadline = Stopwatch.StartNew();
var latencies = new List<double>[options.Clients];
var failures = 0;
await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async client =>
{
    var mine = latencies[client] = new List<double>(100_000);
    while (deadline.Elapsed.TotalSeconds < options.Seconds)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, options.Path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (!response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref failures);
        }
    }
}));

var all = latencies.SelectMany(l => l).Order().ToArray();
double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p / 100 * all.Length) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"GET {options.Path} with {options.Clients} clients for {options.Seconds} s: {all.Length / deadline.Elapsed.TotalSeconds:F0} requests/s, p50 {Percentile(50):F2} ms, p95 {Percentile(95):F2} ms, p99 {Percentile(99):F2} ms, {failures} failed"));
return failures == 0 ? 0 : 1;

internal sealed record Options(string Url, string Path, int Clients, int Seconds, string User, string Password)
{
    public static Options? Parse(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            map[args[i].TrimStart('-')] = args[i + 1];
        }

        return map.TryGetValue("url", out var url)
            ? new Options(url, map.GetValueOrDefault("path", "/api/v1/me"), int.Parse(map.GetValueOrDefault("clients", "8"), CultureInfo.InvariantCulture),
                int.Parse(map.GetValueOrDefault("seconds", "20"), CultureInfo.InvariantCulture),
                map.GetValueOrDefault("user", "einkauf@mueller-maschinenbau.example"), map.GetValueOrDefault("password", "Uhrwerk-Demo-2026"))
            : null;
    }
}
