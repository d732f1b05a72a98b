using System.Diagnostics;
using System.Diagnostics.Metrics;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Inventory;

/// <summary>The delivery promise is on every cart, product page and order, so its latency is watched on its own.</summary>
internal static class InventoryMetrics
{
    private static readonly Histogram<double> PromiseLatency = DatabaseRoundTrips.Meter.CreateHistogram<double>("uhrwerk.promise.duration", "ms", "Time to work out a delivery promise");

    public static async Task<T> TimedPromiseAsync<T>(Func<Task<T>> promise)
    {
        if (!PromiseLatency.Enabled)
        {
            return await promise();
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            return await promise();
        }
        finally
        {
            PromiseLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
