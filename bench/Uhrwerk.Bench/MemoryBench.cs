using System.Diagnostics;
using System.Globalization;

namespace Uhrwerk.Bench;

/// <summary>
/// Whether the server's memory grows under load that repeats: the same pass (GET /api/v1/me, the
/// complete order, the catalog search, each through wrk) runs twice, and after each the server's
/// resident set (/proc/PID/status) and its GC heap as the last collection left it (dotnet-counters,
/// reading the runtime's own meter; nothing forces a collection) are taken.
/// </summary>
internal static partial class AllBench
{
    /// <summary>
    /// Growth from pass 1 to pass 2 above 10 % of pass 1, and at least 16 MB, counts as growth: a GC heap
    /// read between collections differs by up to one allocation budget of the server GC (megabytes per
    /// core), the resident set by what the GC has not yet given back, while a leak of even 1 KB per request
    /// adds more than that over the tens of thousands of requests of one pass.
    /// </summary>
    private const double GrowthShare = 0.10;

    private const double GrowthFloorMegabytes = 16;

    private sealed record Memory(double ResidentMegabytes, double? HeapMegabytes, long Requests);

    private static async Task<(IReadOnlyList<Row> Rows, bool Grew)> MemoryPassesAsync(Process server, string wrk, string url, int clients, int seconds, string scripts, Dictionary<string, string> environment)
    {
        async Task<Memory> PassAsync()
        {
            var requests = (await WrkAsync(wrk, url + "/api/v1/me", clients, seconds, Path.Combine(scripts, "bearer.lua"), environment)).Requests
                + (await WrkAsync(wrk, url, clients, seconds, Path.Combine(scripts, "order.lua"), environment)).Requests
                + (await WrkAsync(wrk, url, clients, seconds, Path.Combine(scripts, "search.lua"), environment)).Requests;
            return new Memory(OrderBench.PeakMemoryMegabytes(server.Id, "VmRSS"), await GcHeapMegabytesAsync(server.Id), requests);
        }

        var first = await PassAsync();
        var second = await PassAsync();
        string Both(Memory m) => Invariant($"{m.ResidentMegabytes:F0} / {(m.HeapMegabytes is { } heap ? heap.ToString("F0", CultureInfo.InvariantCulture) : "n/a")} MB");
        var residentGrowth = second.ResidentMegabytes - first.ResidentMegabytes;
        var heapGrowth = second.HeapMegabytes - first.HeapMegabytes;
        bool Grew(double? growth, double? before) => growth is { } g && before is { } b && g > Math.Max(GrowthFloorMegabytes, GrowthShare * b);
        var grew = Grew(residentGrowth, first.ResidentMegabytes) || Grew(heapGrowth, first.HeapMegabytes);
        Console.WriteLine(Invariant($"Memory (resident / GC heap): after pass 1 ({first.Requests} requests) {Both(first)}, after pass 2 ({second.Requests} requests) {Both(second)}: {(grew ? "FAIL, grows" : "PASS, no growth")}"));
        return ([
            new Row("server memory after pass 1 of /me + order + search (resident / GC heap)", Both(first), "", "", "reported", null),
            new Row("server memory after the identical pass 2", Both(second), "", "", "reported", null),
            new Row("memory growth pass 1 -> pass 2 (resident / GC heap)", Invariant($"{residentGrowth:+0;-0} / {(heapGrowth is { } h ? h.ToString("+0;-0", CultureInfo.InvariantCulture) : "n/a")} MB"), "", "",
                Invariant($"<= max({GrowthFloorMegabytes:F0} MB, {GrowthShare:P0})"), !grew),
        ], grew);
    }

    /// <summary>
    /// The GC heap as the last collection left it (the runtime's dotnet.gc.last_collection.heap.size, summed
    /// over the generations), read by dotnet-counters from the repository's tool manifest; null without it.
    /// </summary>
    private static async Task<double?> GcHeapMegabytesAsync(int pid)
    {
        var output = Path.Combine(Path.GetTempPath(), $"uhrwerk-counters-{pid}-{Guid.NewGuid():N}.csv");
        var start = new ProcessStartInfo("dotnet", ["tool", "run", "dotnet-counters", "collect", "-p", pid.ToString(CultureInfo.InvariantCulture),
            "--counters", "System.Runtime[dotnet.gc.last_collection.heap.size]", "--format", "csv", "-o", output, "--duration", "00:00:00:03"])
        {
            WorkingDirectory = RepositoryRoot(), RedirectStandardOutput = true, RedirectStandardError = true,
        };
        try
        {
            using var process = Process.Start(start)!;
            await Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync(), process.WaitForExitAsync());
            if (process.ExitCode != 0 || !File.Exists(output))
            {
                return null;
            }

            // One line per generation and sample: Timestamp,Provider,Counter Name,Counter Type,Mean/Increment. The last sample of each generation counts.
            var latest = new Dictionary<string, double>();
            foreach (var line in await File.ReadAllLinesAsync(output))
            {
                var cells = line.Split(',');
                if (cells.Length >= 5 && cells[2].Contains("dotnet.gc.last_collection.heap.size", StringComparison.Ordinal)
                    && double.TryParse(cells[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var bytes))
                {
                    latest[cells[2]] = bytes;
                }
            }

            return latest.Count == 0 ? null : latest.Values.Sum() / (1024 * 1024);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
