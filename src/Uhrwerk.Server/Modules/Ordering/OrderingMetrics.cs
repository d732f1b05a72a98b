using System.Diagnostics.Metrics;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Ordering;

/// <summary>How orders reach the supplier: straight from an API client's lines, from the portal's cart, or after an approval.</summary>
internal static class OrderingMetrics
{
    private static readonly Counter<long> OrdersPlaced = DatabaseRoundTrips.Meter.CreateCounter<long>("uhrwerk.orders.placed", "{order}", "Orders placed with the supplier");

    public static void Placed(string path) => OrdersPlaced.Add(1, new KeyValuePair<string, object?>("path", path));
}
