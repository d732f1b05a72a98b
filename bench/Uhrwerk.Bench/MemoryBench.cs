using System.Diagnostics;
using System.Globalization;

namespace Uhrwerk.Bench;

/// <summary>
/// Whether the server's memory grows under load that repeats: the same pass (GET /api/v1/me, the
/// complete order, the catalog search, each through wrk) runs twice. After each, dotnet-gcdump takes a
/// heap dump, which forces a full blocking collection first, so the live heap it reports is what the
/// server still holds, not what the GC has not yet collected or given back. Growth of that between the
/// two passes is growth; the resident set is reported beside it (see docs/performance.md, "Memory").
/// </summary>
internal static partial class AllBench
{
    /// <summary>
    /// Live-heap growth from pass 1 to pass 2 above 2 % of pass 1, and at least 2 MB, counts as growth. After a
    /// full collection the live heap differs between two passes by what happens to be in flight (a few requests'
    /// buffers, timers, pooled connections' state: well under a megabyte), while a leak of even 50 bytes per
    /// request adds more than 2 MB over the tens of thousands of requests of one pass.
    /// </summary>
    private const double GrowthShare = 0.02;

    private const double GrowthFloorMegabytes = 2;

    private sealed record Memory(double ResidentMegabytes, double? LiveHeapMegabytes, long Requests);

    private static async Task<(IReadOnlyList<Row> Rows, bool Grew)> MemoryPassesAsync(Process server, string wrk, string url, int clients, int seconds, string scripts, Dictionary<string, string> environment)
    {
        async Task<Memory> PassAsync()
        {
            var requests = (await WrkAsync(wrk, url + "/api/v1/me", clients, seconds, Path.Combine(scripts, "bearer.lua"), environment)).Requests
                + (await WrkAsync(wrk, url, clients, seconds, Path.Combine(scripts, "order.lua"), environment)).Requests
                + (await WrkAsync(wrk, url, clients, seconds, Path.Combine(scripts, "search.lua"), environment)).Requests;
            var heap = await LiveHeapMegabytesAsync(server.Id);
            return new Memory(OrderBench.PeakMemoryMegabytes(server.Id, "VmRSS"), heap, requests);
        }

        var first = await PassAsync();
        var second = await PassAsync();
        string Both(Memory m) => Invariant($"{m.ResidentMegabytes:F0} / {(m.LiveHeapMegabytes is { } heap ? heap.ToString("F1", CultureInfo.InvariantCulture) : "n/a")} MB");
        var residentGrowth = second.ResidentMegabytes - first.ResidentMegabytes;
        var heapGrowth = second.LiveHeapMegabytes - first.LiveHeapMegabytes;
        var grew = heapGrowth is not { } g || g > Math.Max(GrowthFloorMegabytes, GrowthShare * first.LiveHeapMegabytes!.Value);
        Console.WriteLine(Invariant($"Memory (resident / live heap after a full GC): after pass 1 ({first.Requests} requests) {Both(first)}, after pass 2 ({second.Requests} requests) {Both(second)}: {(grew ? "FAIL, grows or not measured" : "PASS, no growth")}"));
        return ([
            new Row("server memory after pass 1 of /me + order + search (resident / live heap after a full GC)", Both(first), "", "", "reported", null),
            new Row("server memory after the identical pass 2", Both(second), "", "", "reported", null),
            new Row("memory growth pass 1 -> pass 2 (resident / live heap)", Invariant($"{residentGrowth:+0;-0} / {(heapGrowth is { } h ? h.ToString("+0.0;-0.0", CultureInfo.InvariantCulture) : "n/a")} MB"), "", "",
                Invariant($"live heap <= max({GrowthFloorMegabytes:F0} MB, {GrowthShare:P0})"), !grew),
        ], grew);
    }

    /// <summary>
    /// The live heap after a full blocking collection, which dotnet-gcdump (from the repository's tool manifest)
    /// forces before it walks the heap; its report's "GC Heap bytes". Null without the tool.
    /// </summary>
    private static async Task<double?> LiveHeapMegabytesAsync(int pid)
    {
        var dump = Path.Combine(Path.GetTempPath(), $"uhrwerk-{pid}-{Guid.NewGuid():N}.gcdump");
        try
        {
            if (await ToolAsync("collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", dump) is null || !File.Exists(dump))
            {
                return null;
            }

            var report = await ToolAsync("report", dump);
            var total = report?.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.EndsWith("GC Heap bytes", StringComparison.OrdinalIgnoreCase));
            return total is null ? null : long.Parse(total.Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture) / (1024.0 * 1024);
        }
        finally
        {
            File.Delete(dump);
        }
    }

    private static async Task<string?> ToolAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", ["tool", "run", "dotnet-gcdump", .. arguments])
        {
            WorkingDirectory = RepositoryRoot(), RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        await Task.WhenAll(output, process.StandardError.ReadToEndAsync(), process.WaitForExitAsync());
        return process.ExitCode == 0 ? await output : null;
    }
}
