using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Tracking.Delivery;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Modules.Tracking.Ingest;
using Uhrwerk.Server.Platform;

namespace Uhrwerk.Tests.Tracking;

/// <summary>
/// Carriers' messages come in through the signed webhook (or a poll), are stored as they came and processed afterwards:
/// unsigned or stale calls store nothing, repeats count once, and the order they arrive in does not matter.
/// </summary>
public abstract class CarrierWebhookSpec(UhrwerkFactory factory) : TrackingCoreSpec(factory)
{
    private const string FixtureNumber = "00340434161094042557";

    /// <summary>The DHL fixture's first shipment under <paramref name="trackingNumber"/>, with only the events at <paramref name="indexes"/> (the fixture lists newest first).</summary>
    private static string DhlMessage(string trackingNumber, params int[] indexes)
    {
        var document = JsonNode.Parse(CarrierAdapterSpec.Fixture("dhl-shipments.json"))!;
        var shipment = document["shipments"]![0]!.DeepClone();
        shipment["id"] = trackingNumber;
        var events = shipment["events"]!.AsArray();
        var chosen = (indexes.Length == 0 ? Enumerable.Range(0, events.Count) : indexes).Select(i => events[i]!.DeepClone()).ToList();
        shipment["events"] = new JsonArray([.. chosen]);
        shipment["status"] = chosen.OrderByDescending(e => DateTimeOffset.Parse(e!["timestamp"]!.GetValue<string>())).First()!.DeepClone();
        return new JsonObject { ["shipments"] = new JsonArray(shipment) }.ToJsonString();
    }

    private HttpRequestMessage Signed(string carrier, string body, string? id = null, string secret = CarrierSettings.DhlSecret, TimeSpan? age = null)
    {
        id ??= "msg_" + Guid.NewGuid().ToString("N");
        var timestamp = (Factory.Clock.GetUtcNow() - (age ?? TimeSpan.Zero)).ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tracking/webhooks/{carrier}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(StandardWebhooks.IdHeader, id);
        request.Headers.Add(StandardWebhooks.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(StandardWebhooks.SignatureHeader, StandardWebhooks.Sign(secret, id, timestamp, body));
        return request;
    }

    private static HttpRequestMessage From(string address, HttpRequestMessage request)
    {
        request.Headers.Add(UhrwerkFactory.ClientIpHeader, address);
        return request;
    }

    private async Task AcceptedAsync(HttpRequestMessage request) => Assert.Equal(HttpStatusCode.Accepted, (await Anonymous().SendAsync(request)).StatusCode);

    protected async Task ProcessAllAsync()
    {
        bool more;
        do
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            more = await scope.ServiceProvider.GetRequiredService<CarrierMessageProcessor>().ProcessNextAsync(CancellationToken.None);
        }
        while (more);
    }

    private Task<List<CarrierMessage>> MessagesAsync(string fragment) =>
        InScopeAsync(db => db.CarrierMessages.AsNoTracking().Where(m => m.Body.Contains(fragment)).ToListAsync());

    [Fact]
    public async Task A_webhook_unsigned_badly_signed_or_stale_is_401_and_stores_nothing()
    {
        var shipmentId = await ShippedAsync("Una Signiert", "JJD1001");
        var body = DhlMessage("JJD1001");
        var tampered = Signed("dhl", body);
        tampered.Content = new StringContent(body.Replace("Augsburg", "Hamburg", StringComparison.Ordinal), Encoding.UTF8, "application/json");
        var unsigned = Signed("dhl", body);
        unsigned.Headers.Remove(StandardWebhooks.SignatureHeader);
        var calls = new[]
        {
            unsigned,
            Signed("dhl", body, secret: CarrierSettings.UpsSecret),
            Signed("dhl", body, age: TimeSpan.FromMinutes(6)),
            Signed("dhl", body, age: -TimeSpan.FromMinutes(6)),
            tampered,
            Signed("fedex", body),
            new HttpRequestMessage(HttpMethod.Post, "/api/v1/tracking/webhooks/dhl") { Content = new StringContent(body, Encoding.UTF8, "application/json") },
        };

        foreach (var call in calls)
        {
            var problem = await ProblemOf(await Anonymous().SendAsync(call), HttpStatusCode.Unauthorized);
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        }

        Assert.Empty(await MessagesAsync("JJD1001"));
        await ProcessAllAsync();
        Assert.Empty((await TrackedAsync(shipmentId)).Scans);

        // Within the tolerance the same message is taken.
        await AcceptedAsync(Signed("dhl", body, age: TimeSpan.FromMinutes(4)));
        Assert.Single(await MessagesAsync("JJD1001"));
    }

    [Fact]
    public async Task The_same_event_twice_is_processed_once_whether_resent_or_sent_in_another_message()
    {
        var shipmentId = await ShippedAsync("Dora Doppelt", "JJD1002");
        var body = DhlMessage("JJD1002");

        await AcceptedAsync(Signed("dhl", body, id: "msg_resent"));
        await AcceptedAsync(Signed("dhl", body, id: "msg_resent"));
        Assert.Single(await MessagesAsync("JJD1002"));
        await ProcessAllAsync();

        await AcceptedAsync(Signed("dhl", DhlMessage("JJD1002", 0, 1), id: "msg_overlapping"));
        await ProcessAllAsync();

        var tracked = await TrackedAsync(shipmentId);
        Assert.Equal((TrackingStatus.OutForDelivery, 4), (tracked.Status, tracked.Scans.Count));
        Assert.All(await MessagesAsync("JJD1002"), m => Assert.Equal(CarrierMessageStatus.Processed, m.Status));
        Assert.Equal(1, await InScopeAsync(db => db.Outbox.CountAsync(m => m.Type == "TrackingUpdated" && m.AggregateId == tracked.OrderId)));
    }

    [Fact]
    public async Task Events_out_of_order_give_the_same_final_state_as_in_order()
    {
        var inOrder = await ShippedAsync("Ida Ordnung", "JJD1003");
        var reversed = await ShippedAsync("Rolf Rückwärts", "JJD1004");

        foreach (var index in new[] { 3, 2, 1, 0 })
        {
            await AcceptedAsync(Signed("dhl", DhlMessage("JJD1003", index)));
            await ProcessAllAsync();
        }

        foreach (var index in new[] { 0, 1, 2, 3 })
        {
            await AcceptedAsync(Signed("dhl", DhlMessage("JJD1004", index)));
            await ProcessAllAsync();
        }

        var (a, b) = (await TrackedAsync(inOrder), await TrackedAsync(reversed));
        Assert.Equal((TrackingStatus.OutForDelivery, new DateTimeOffset(2026, 12, 1, 6, 45, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 13, 0, 0, TimeSpan.Zero)),
            (a.Status, a.StatusAt, a.CarrierEta));
        Assert.Equal((a.Status, a.SubStatus, a.StatusAt, a.LastScanAt, a.CarrierEta, a.Scans.Count), (b.Status, b.SubStatus, b.StatusAt, b.LastScanAt, b.CarrierEta, b.Scans.Count));
    }

    [Fact]
    public async Task A_signed_message_that_cannot_be_read_is_kept_as_failed_for_staff_and_an_unknown_parcel_does_not_hold_up_the_rest()
    {
        var shipmentId = await ShippedAsync("Fritz Fehler", "JJD1005");
        await AcceptedAsync(Signed("dhl", "{\"shipments\": \"JJD1005-garbage\"}"));
        await AcceptedAsync(Signed("dhl", DhlMessage("JJD-NOBODY-1005")));
        await AcceptedAsync(Signed("dhl", DhlMessage("JJD1005")));

        await ProcessAllAsync();

        Assert.Equal(TrackingStatus.OutForDelivery, (await TrackedAsync(shipmentId)).Status);
        var unknown = Assert.Single(await MessagesAsync("JJD-NOBODY-1005"));
        Assert.Equal(CarrierMessageStatus.Processed, unknown.Status);
        Assert.Contains("JJD-NOBODY-1005", unknown.Error);

        var staff = await SignInAsync("lager@uhrwerk.example");
        var failed = await JsonAsync(staff.GetAsync("/api/v1/backoffice/tracking/carrier-messages?status=Failed"), HttpStatusCode.OK);
        var garbage = Assert.Single(failed.EnumerateArray(), m => m.GetProperty("body").GetString()!.Contains("JJD1005-garbage", StringComparison.Ordinal));
        Assert.Equal(("dhl", 1), (garbage.GetProperty("carrier").GetString(), garbage.GetProperty("attempts").GetInt32()));
        Assert.False(string.IsNullOrEmpty(garbage.GetProperty("error").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignInAsync(UserOf(CompanyA, Server.Modules.Accounts.Domain.PredefinedRole.Buyer))).GetAsync("/api/v1/backoffice/tracking/carrier-messages")).StatusCode);
    }

    [Fact]
    public async Task A_carrier_over_its_budget_per_minute_is_429_from_that_address_only_and_stores_nothing()
    {
        const string flooder = "198.51.100.15";
        var body = JsonNode.Parse(CarrierAdapterSpec.Fixture("ups-track.json"))!.ToJsonString();
        for (var i = 0; i < CarrierSettings.UpsWebhookRequestsPerMinute; i++)
        {
            await AcceptedAsync(From(flooder, Signed("ups", body, secret: CarrierSettings.UpsSecret)));
        }

        var overBudget = From(flooder, Signed("ups", body, id: "msg_over_budget", secret: CarrierSettings.UpsSecret));
        var refused = await Anonymous().SendAsync(overBudget);
        var problem = await ProblemOf(refused, HttpStatusCode.TooManyRequests);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        Assert.InRange(int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Empty(await InScopeAsync(db => db.CarrierMessages.AsNoTracking().Where(m => m.WebhookId == "msg_over_budget").ToListAsync()));

        // Forged calls count too: the budget is spent before the signature is looked at.
        await ProblemOf(await Anonymous().SendAsync(From(flooder, Signed("ups", body, secret: CarrierSettings.DhlSecret))), HttpStatusCode.TooManyRequests);

        // Another sender of the same carrier, and another carrier from the same address, have budgets of their own.
        await AcceptedAsync(From("198.51.100.16", Signed("ups", body, id: "msg_other_sender", secret: CarrierSettings.UpsSecret)));
        await AcceptedAsync(From(flooder, Signed("dhl", DhlMessage("JJD-NOBODY-1009"))));
        Assert.Single(await InScopeAsync(db => db.CarrierMessages.AsNoTracking().Where(m => m.WebhookId == "msg_other_sender").ToListAsync()));
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_413_and_stores_nothing()
    {
        var body = "{\"shipments\": [], \"padding\": \"JJD1006" + new string('x', 1024 * 1024) + "\"}";

        await ProblemOf(await Anonymous().SendAsync(Signed("dhl", body)), HttpStatusCode.RequestEntityTooLarge);

        Assert.Empty(await MessagesAsync("JJD1006"));
    }

    [Fact]
    public async Task The_carriers_delivery_scan_delivers_the_shipment_and_its_order_once()
    {
        var shipmentId = await ShippedAsync("Dieter Zugestellt", "JJD1007");
        Factory.Clock.Advance(TimeSpan.FromMinutes(10));
        var delivered = JsonNode.Parse(DhlMessage("JJD1007", 0))!;
        var scan = delivered["shipments"]![0]!["status"]!;
        scan["statusCode"] = "delivered";
        scan["status"] = "Zugestellt";
        scan["description"] = "Die Sendung wurde erfolgreich zugestellt.";
        scan["timestamp"] = Factory.Clock.GetUtcNow().AddMinutes(-5).ToString("O");
        delivered["shipments"]![0]!["events"] = new JsonArray(scan.DeepClone());

        await AcceptedAsync(Signed("dhl", delivered.ToJsonString()));
        await ProcessAllAsync();
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.HandleAllAsync(DeliveredByCarrier.Handler);
        }

        var staff = await SignInAsync("lager@uhrwerk.example");
        var shipment = await InScopeAsync(db => db.Shipments.AsNoTracking().SingleAsync(s => s.Id == shipmentId));
        Assert.Equal(Server.Modules.Fulfillment.Domain.ShipmentStatus.Delivered, shipment.Status);
        Assert.Equal(Factory.Clock.GetUtcNow().AddMinutes(-5).UtcDateTime, shipment.DeliveredAt!.Value.UtcDateTime, TimeSpan.FromMinutes(1));
        var order = await InScopeAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.Id == shipment.OrderId));
        Assert.Equal(Server.Modules.Ordering.Domain.OrderStatus.Delivered, order.Status);

        // The same news again (another message with the scan) leaves the delivered shipment as it is.
        await AcceptedAsync(Signed("dhl", delivered.ToJsonString()));
        await ProcessAllAsync();
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.HandleAllAsync(DeliveredByCarrier.Handler);
        }

        Assert.Equal(1, await InScopeAsync(db => db.Outbox.CountAsync(m => m.Type == "ShipmentDelivered" && m.AggregateId == shipment.OrderId)));
    }

    [Fact]
    public async Task A_poll_of_the_carriers_API_updates_the_state_and_waits_out_its_rate_limit()
    {
        var stub = Factory switch { SqliteWithCarriers s => s.Carrier, PostgresWithCarriers p => p.Carrier, _ => throw new InvalidOperationException() };
        var shipmentId = await ShippedAsync("Paula Abfrage", "JJD1008");
        stub.Answers["JJD1008"] = DhlMessage("JJD1008");
        stub.RateLimitFirst = 1;

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            // The resilience handler waits out the Retry-After on the server's clock, which the spec moves on until the round is done.
            var round = scope.ServiceProvider.GetRequiredService<CarrierPolling>().PollDueAsync(CancellationToken.None);
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!round.IsCompleted)
            {
                Assert.True(DateTime.UtcNow < deadline, "The polling round did not finish within two minutes.");
                Factory.Clock.Advance(TimeSpan.FromMilliseconds(500));
                await Task.WhenAny(round, Task.Delay(20));
            }

            Assert.True(await round >= 1);
        }

        await ProcessAllAsync();
        var tracked = await TrackedAsync(shipmentId);
        Assert.Equal((TrackingStatus.OutForDelivery, 4), (tracked.Status, tracked.Scans.Count));
        Assert.Contains("JJD1008 dhl-api-key-of-the-specs", stub.Calls);
        // The call answered 429 was made again after the Retry-After; every other call once.
        Assert.Equal(stub.Calls.Distinct().Count() + 1, stub.Calls.Count);
        Assert.NotNull(tracked.NextPollAt);

        // Claimed until its next poll time: a second round (another instance) leaves them alone.
        var calls = stub.Calls.Count;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<CarrierPolling>().PollDueAsync(CancellationToken.None));
        }

        Assert.Equal(calls, stub.Calls.Count);
    }
}

public sealed class CarrierWebhookOnSqlite(SqliteWithCarriers f) : CarrierWebhookSpec(f), IClassFixture<SqliteWithCarriers>;

public sealed class CarrierWebhookOnPostgres(PostgresWithCarriers f) : CarrierWebhookSpec(f), IClassFixture<PostgresWithCarriers>;
