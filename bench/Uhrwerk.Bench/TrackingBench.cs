using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using Uhrwerk.Server.Platform;

namespace Uhrwerk.Bench;

/// <summary>
/// The public tracking page over 10,000 tracked shipments with five scans each, seeded in one statement per table; wrk
/// opens a different shipment's token on every request, as recipients do, with no sign-in. Then carriers' webhook calls
/// about those shipments: signed, deduplicated, stored by the endpoint and processed to the shipments' state by the worker.
/// </summary>
internal static partial class AllBench
{
    public const int TrackedShipments = 10_000;

    /// <summary>Distinct carrier events of the measured webhook run; a run that sends more starts over, and the repeats are deduplicated.</summary>
    public const int WebhookEvents = 20_000;

    private const string WebhookSecret = "whsec_YmVuY2gtY2Fycmllci1zZWNyZXQtb2YtdGhlLXdlYmhvb2stcnVu";

    /// <summary>
    /// The server's settings for tracking in a bench run: the page's per-address limit and the webhooks' per-carrier budget lifted (wrk
    /// is one address sending thousands a second), the carrier secret the calls are signed with, and a signature tolerance that covers
    /// the run, since all calls are signed before it starts.
    /// </summary>
    internal static Dictionary<string, string> TrackingSettings() => new()
    {
        ["Tracking__PublicPage__RequestsPerMinute"] = "100000000",
        ["Tracking__Ingest__WebhookRequestsPerMinute"] = "100000000",
        ["Tracking__Ingest__SignatureTolerance"] = "01:00:00",
        ["Tracking__Carriers__generic__WebhookSecret"] = WebhookSecret,
    };

    private static async Task SeedTrackingAsync(string postgres)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var seed = new NpgsqlCommand(string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO tracking_shipments ("Id", "ShipmentId", "CompanyId", "OrderId", "OrderNumber", "Reference", "WarehouseCode", "Carrier", "Service", "PlannedShipDate",
                "PromisedDeliveryDate", "ShippedAt", "DestinationCountry", "DestinationPostalCode", "PublicToken", "Status", "StatusAt", "LastScanAt", "ExpectedDelivery", "Delay", "Version")
            SELECT gen_random_uuid(), gen_random_uuid(), (SELECT "Id" FROM accounts_companies ORDER BY "Id" LIMIT 1), gen_random_uuid(), 'UW-BENCH-' || i, 'UW-BENCH-' || i || '-1', 'MUC', 'dhl', 'Paket', current_date,
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

    /// <summary>
    /// Writes <paramref name="count"/> signed webhook calls in Uhrwerk's own format to a file for <c>bench/wrk/webhook.lua</c>: one new scan
    /// each, about the seeded shipments in turn, later than their seeded scans and alternating between in transit and out for delivery, so
    /// each shipment's final state is its latest event's. Ids start with <paramref name="prefix"/>; signed now.
    /// </summary>
    internal static async Task<string> SignWebhooksAsync(string prefix, int count, DateTimeOffset firstEvent)
    {
        var file = Path.Combine(Path.GetTempPath(), $"uhrwerk-{prefix}-{Environment.ProcessId}.tsv");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await using var writer = new StreamWriter(file);
        for (var i = 0; i < count; i++)
        {
            var shipment = i % TrackedShipments + 1;
            var body = JsonSerializer.Serialize(new
            {
                carrier = "dhl",
                trackingNumber = Invariant($"JJDBENCHUW-BENCH-{shipment}"),
                events = new[]
                {
                    new
                    {
                        id = Invariant($"{prefix}-ev-{i}"), occurredAt = firstEvent.AddMilliseconds(i), status = i / TrackedShipments % 2 == 0 ? "InTransit" : "OutForDelivery",
                        code = "transit", text = "Im Paketzentrum bearbeitet", location = Invariant($"Paketzentrum {i % 7}"),
                    },
                },
            });
            var id = Invariant($"{prefix}-{i}");
            await writer.WriteLineAsync(Invariant($"{id}\t{timestamp}\t{StandardWebhooks.Sign(WebhookSecret, id, timestamp, body)}\t{body}"));
        }

        return file;
    }

    /// <summary>Waits until the worker has processed every stored carrier message; fails loudly after 15 minutes.</summary>
    private static async Task<double> BacklogEmptyAsync(NpgsqlDataSource data)
    {
        var waited = Stopwatch.StartNew();
        await using var backlog = data.CreateCommand("""SELECT count(*) FROM tracking_carrier_messages WHERE "Status" = 'Received'""");
        while ((long)(await backlog.ExecuteScalarAsync())! > 0)
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(15))
            {
                throw new TimeoutException("The carrier message worker did not empty its backlog within 15 minutes.");
            }

            await Task.Delay(250);
        }

        return waited.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Carriers' webhook calls with 8 senders (wrk): accepted per second at the endpoint with p99, then the worker's processed per second
    /// from the first stored message to the last processed one, and the checks that every distinct event was stored and processed once
    /// and each shipment's state is its latest scan's. A warm-up of its own runs first, and its backlog is processed before the measured run.
    /// </summary>
    private static async Task<IReadOnlyList<Row>> WebhookIngestAsync(string postgres, string wrk, string url, int clients, int seconds, string scripts,
        Dictionary<string, string> environment)
    {
        await using var data = NpgsqlDataSource.Create(postgres);
        var script = Path.Combine(scripts, "webhook.lua");
        environment["UHRWERK_THREADS"] = Math.Min(2, clients).ToString(CultureInfo.InvariantCulture);
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        environment["UHRWERK_WEBHOOKS"] = await SignWebhooksAsync("benchwarm", 2_000, start.AddMinutes(-30));
        await WrkAsync(wrk, url, clients, 3, script, environment);
        await BacklogEmptyAsync(data);

        environment["UHRWERK_WEBHOOKS"] = await SignWebhooksAsync("bench", WebhookEvents, start);
        var accepted = await WrkAsync(wrk, url, clients, seconds, script, environment);
        var drain = await BacklogEmptyAsync(data);
        await using var figures = data.CreateCommand("""
            SELECT count(*), count(*) FILTER (WHERE "Status" <> 'Processed' OR "Error" IS NOT NULL),
                   coalesce(extract(epoch FROM max("ProcessedAt") - min("ReceivedAt")), 0)::float8,
                   (SELECT count(*) FROM tracking_scans WHERE "EventId" LIKE 'bench-ev-%'),
                   (SELECT count(*) FROM tracking_shipments t WHERE t."PublicToken" LIKE 'bench%' AND t."Status" <>
                       (SELECT s."Status" FROM tracking_scans s WHERE s."TrackedShipmentId" = t."Id" ORDER BY s."OccurredAt" DESC LIMIT 1))
            FROM tracking_carrier_messages WHERE "WebhookId" LIKE 'bench-%'
            """);
        await using var reader = await figures.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (stored, notProcessed, span, scans, wrongState) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetInt64(3), reader.GetInt64(4));
        var processedPerSecond = span > 0 ? stored / span : 0;
        var correct = accepted.Failures == 0 && stored is > 0 and <= WebhookEvents && notProcessed == 0 && scans == stored && wrongState == 0;
        Console.WriteLine(Invariant($"POST /api/v1/tracking/webhooks/generic, wrk: {accepted.PerSecond:F0} accepted/s, p99 {accepted.P99:F2} ms, {accepted.Failures} failed; {stored:N0} distinct events stored of {accepted.Requests:N0} calls"));
        Console.WriteLine(Invariant($"Carrier message worker: {stored:N0} processed in {span:F1} s ({processedPerSecond:F0}/s), backlog empty {drain:F1} s after the run; {notProcessed} not processed, {scans:N0} scans recorded, {wrongState} shipments not in their latest scan's state"));
        File.Delete(environment["UHRWERK_WEBHOOKS"]);
        return
        [
            new Row(Invariant($"carrier webhooks accepted (signed, deduplicated), {clients} senders, wrk"), Invariant($"{accepted.PerSecond:F0}/s"), Ms(accepted.P99),
                Invariant($"{stored:N0} distinct of {accepted.Requests:N0}"), ">= 5,000/s, p99 < 20 ms", accepted.PerSecond >= 5000 && accepted.P99 < 20 && accepted.Failures == 0),
            new Row("carrier webhooks processed to shipment state, worker", Invariant($"{processedPerSecond:F0}/s"), "", Invariant($"backlog empty {drain:F0} s after"),
                "reported; all processed once, state = latest scan", correct),
        ];
    }
}
