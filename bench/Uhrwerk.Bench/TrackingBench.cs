using System.Globalization;
using Npgsql;

namespace Uhrwerk.Bench;

/// <summary>
/// The public tracking page over 10,000 tracked shipments with five scans each, seeded in one statement per table; wrk
/// opens a different shipment's token on every request, as recipients do, with no sign-in.
/// </summary>
internal static partial class AllBench
{
    public const int TrackedShipments = 10_000;

    private static async Task SeedTrackingAsync(string postgres)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var seed = new NpgsqlCommand(string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO tracking_shipments ("Id", "ShipmentId", "CompanyId", "OrderId", "OrderNumber", "Reference", "WarehouseCode", "Carrier", "Service", "PlannedShipDate",
                "PromisedDeliveryDate", "ShippedAt", "DestinationCountry", "DestinationPostalCode", "PublicToken", "Status", "StatusAt", "LastScanAt", "ExpectedDelivery", "Delay", "Version")
            SELECT gen_random_uuid(), gen_random_uuid(), NULL, gen_random_uuid(), 'UW-BENCH-' || i, 'UW-BENCH-' || i || '-1', 'MUC', 'dhl', 'Paket', current_date,
                current_date + 2, now() - interval '1 day', 'DE', '80331', 'bench' || lpad(i::text, 28, '0'), 'InTransit', now(), now(), current_date + 2,
                CASE WHEN i % 10 = 0 THEN 'NoScan' END, 1
            FROM generate_series(1, {TrackedShipments}) i;
            INSERT INTO tracking_parcels ("Id", "TrackedShipmentId", "Carrier", "TrackingNumber")
            SELECT gen_random_uuid(), "Id", 'dhl', 'JJDBENCH' || "OrderNumber" FROM tracking_shipments WHERE "PublicToken" LIKE 'bench%';
            INSERT INTO tracking_scans ("Id", "TrackedShipmentId", "EventId", "OccurredAt", "ReceivedAt", "Status", "CarrierCode", "CarrierText", "Location")
            SELECT gen_random_uuid(), t."Id", 'e' || n, now() - n * interval '3 hours', now(), CASE WHEN n = 5 THEN 'InfoReceived' ELSE 'InTransit' END, 'transit',
                'Im Paketzentrum bearbeitet', 'Paketzentrum ' || n
            FROM tracking_shipments t CROSS JOIN generate_series(1, 5) n WHERE t."PublicToken" LIKE 'bench%';
            ANALYZE tracking_shipments; ANALYZE tracking_parcels; ANALYZE tracking_scans;
            """), connection);
        await seed.ExecuteNonQueryAsync();
    }

    /// <summary>wrk on the public tracking page, a different token per request; the row compares it with <c>/health/live</c> and the target.</summary>
    private static async Task<Row> TrackingPageAsync(string postgres, string wrk, string url, int clients, int seconds, string scripts, Dictionary<string, string> environment, double live)
    {
        await SeedTrackingAsync(postgres);
        environment["UHRWERK_TRACKED"] = TrackedShipments.ToString(CultureInfo.InvariantCulture);
        var script = Path.Combine(scripts, "tracking.lua");
        await WrkAsync(wrk, url, clients, 3, script, environment);
        var page = await WrkAsync(wrk, url, clients, seconds, script, environment);
        Console.WriteLine(Invariant($"GET /track/{{token}} over {TrackedShipments:N0} shipments, wrk: {page.PerSecond:F0}/s, p99 {page.P99:F2} ms, {page.Failures} failed"));
        return new Row(Invariant($"public tracking page, {TrackedShipments:N0} shipments, wrk"), Invariant($"{page.PerSecond:F0}/s"), Ms(page.P99), Ratio(page.PerSecond, live) + " of live",
            ">= 2,000/s", page.PerSecond >= 2000 && page.Failures == 0);
    }
}
