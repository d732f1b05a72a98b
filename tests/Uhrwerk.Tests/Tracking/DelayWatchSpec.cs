using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Inventory;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Modules.Tracking.RecordScans;
using Uhrwerk.Server.Modules.Tracking.WatchDelays;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Tests.Tracking;

/// <summary>
/// A promise at risk is on the staff's watch list, and the buyer hears of it first, once per cause, before the promised
/// date passes; a changed expected day is told once per change.
/// </summary>
public abstract class DelayWatchSpec(UhrwerkFactory factory, SmtpServer smtp) : IntegrationTest(factory)
{
    private const string DelayedSubject = "verspätet sich";
    private const string EtaSubject = "Neue voraussichtliche Ankunft";

    private sealed record Shipped(Guid ShipmentId, Guid OrderId, string BuyerEmail, string Carrier, string TrackingNumber, DateOnly Promised);

    private async Task<(Guid ShipmentId, Guid OrderId, string BuyerEmail)> PlannedAsync(string buyerName)
    {
        await smtp.StartAsync();
        var buyer = await ColleagueAsync(CompanyA, buyerName, [PredefinedRole.Buyer], new { });
        var sku = await InScopeAsync(db => db.StockLevels.Where(l => l.OnHand - l.Reserved >= 5 && l.Sku.StartsWith("SHS-")).OrderBy(l => l.Sku).Select(l => l.Sku).FirstAsync());
        await SoldByThePieceAsync(sku);
        var order = await JsonAsync(buyer.Client.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku, quantity = 1 } } }), HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetGuid();
        var warehouse = await SignInAsync("lager@uhrwerk.example");
        var planned = await JsonAsync(warehouse.PostAsync($"/api/v1/backoffice/fulfillment/orders/{orderId}/shipments/from-plan", null), HttpStatusCode.Created);
        return (planned.GetProperty("shipments").EnumerateArray().Single().GetProperty("id").GetGuid(), orderId, buyer.Email);
    }

    /// <summary>A placed order shipped with DHL (or <paramref name="carrier"/>), once tracking started and its expected day is known.</summary>
    private async Task<Shipped> ShippedAsync(string buyerName, string carrier = "DHL")
    {
        var (shipmentId, orderId, email) = await PlannedAsync(buyerName);
        var trackingNumber = $"JJD{Guid.NewGuid():N}"[..20];
        var warehouse = await SignInAsync("lager@uhrwerk.example");
        await JsonAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{shipmentId}/advance", new
        {
            to = "Shipped", carrier, service = "Paket", packages = new[] { new { weightKg = 2.5m, lengthCm = 30, widthCm = 20, heightCm = 10, trackingNumber } },
        }), HttpStatusCode.OK);
        var tracked = await UntilAsync(() => InScopeAsync(db => db.TrackedShipments.AsNoTracking().SingleOrDefaultAsync(t => t.ShipmentId == shipmentId && t.ExpectedDelivery != null)),
            "tracking did not start");
        return new Shipped(shipmentId, orderId, email, carrier, trackingNumber, tracked.PromisedDeliveryDate);
    }

    private async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, int seconds = 30) where T : class
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow >= until)
            {
                var waiting = await InScopeAsync(db => db.EventHandlings.AsNoTracking().Where(h => h.Status != Uhrwerk.Server.Platform.Outbox.EventHandlingStatus.Handled)
                    .Select(h => h.Handler + " " + h.EventType + " " + h.Attempts + " " + h.LastError).ToListAsync());
                var deliveries = await InScopeAsync(db => db.Deliveries.AsNoTracking().Select(d => d.Situation + " " + d.Recipient + " " + d.Status + " " + d.LastError).ToListAsync());
                Assert.Fail($"Within {seconds} s {what}. Waiting: {string.Join(" | ", waiting)} Deliveries: {string.Join(" | ", deliveries.TakeLast(10))}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Records scans like the carrier ingestion does: the delay watch may have changed the shipment meanwhile, then it is recorded again.</summary>
    private async Task RecordAsync(Shipped shipped, params ScanReport[] scans)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            try
            {
                Assert.NotEqual(RecordOutcome.UnknownParcel, await scope.ServiceProvider.GetRequiredService<TrackingLedger>().RecordAsync(new TrackingUpdate(shipped.Carrier, shipped.TrackingNumber, scans), CancellationToken.None));
                await scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>().SaveChangesAsync();
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
            }
        }
    }

    private async Task CheckAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DelayWatch>().CheckAsync(CancellationToken.None);
    }

    private DateTimeOffset Now => Factory.Clock.GetUtcNow();

    private static ScanReport Scan(string id, DateTimeOffset at, TrackingStatus status, DateTimeOffset? eta = null, string? text = null) =>
        new(id, at, status, null, status.ToString(), text ?? status.ToString(), "Augsburg", eta);

    private static DateTimeOffset Noon(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(1));

    private async Task<JsonElement[]> WatchListAsync(string query)
    {
        var staff = await SignInAsync("lager@uhrwerk.example");
        return (await JsonAsync(staff.GetAsync($"/api/v1/backoffice/tracking/watch-list{query}"), HttpStatusCode.OK)).EnumerateArray().ToArray();
    }

    /// <summary>The shipment's entry of this cause, as the staff's list shows it.</summary>
    private async Task<JsonElement> EntryAsync(Guid shipmentId, DelayCause cause, string state = "Open") =>
        Assert.Single(await WatchListAsync($"?type={cause}&state={state}"), e => e.GetProperty("shipmentId").GetGuid() == shipmentId);

    /// <summary>The buyer got exactly one "delayed" e-mail for the shipment's cause, and it came before the promised date passed.</summary>
    private async Task ToldOnceBeforePromiseAsync(string email, DateOnly promised, string reason)
    {
        await DelayNoticeAsync(email);
        await NotificationsSettledAsync(email);
        var delayed = Assert.Single(smtp.MessagesTo(email), m => Subject(m).Contains(DelayedSubject, StringComparison.Ordinal));
        Assert.Contains(reason, Body(delayed), StringComparison.Ordinal);
        Assert.True(BerlinTime.DateOf(Now) <= promised, $"told on {BerlinTime.DateOf(Now)}, promised {promised}");
    }

    /// <summary>
    /// The acceptance point for each cause: the shipment's entry of <paramref name="cause"/> is open on the staff's list, with its
    /// carrier, and the buyer got exactly one "delayed" e-mail, giving <paramref name="reason"/>, before the promised date passed.
    /// </summary>
    private async Task<JsonElement> WatchedAndToldOnceAsync(Shipped shipped, DelayCause cause, string reason)
    {
        await ToldOnceBeforePromiseAsync(shipped.BuyerEmail, shipped.Promised, reason);
        var entry = await EntryAsync(shipped.ShipmentId, cause);
        Assert.Equal((cause.ToString(), CarrierName.Normalise(shipped.Carrier)), (entry.GetProperty("type").GetString(), entry.GetProperty("carrier").GetString()));
        return entry;
    }

    /// <summary>
    /// The carrier reports <paramref name="status"/>, the delay watch opens its entry, and then reports it again: the cause seen
    /// a second time must not tell the buyer again.
    /// </summary>
    private async Task ReportedTwiceAsync(Shipped shipped, TrackingStatus status, string text)
    {
        await RecordAsync(shipped, Scan("r1", Now.AddMinutes(-30), status, text: text));
        await UntilAsync(() => InScopeAsync(db => db.WatchEntries.AsNoTracking().SingleOrDefaultAsync(e => e.ShipmentId == shipped.ShipmentId)), "no watch-list entry opened");
        await RecordAsync(shipped, Scan("r1", Now.AddMinutes(-30), status), Scan("r2", Now.AddMinutes(-10), status));
    }

    private Task DelayNoticeAsync(string email) =>
        UntilAsync(() => Task.FromResult(smtp.MessagesTo(email).FirstOrDefault(m => Subject(m).Contains(DelayedSubject, StringComparison.Ordinal))), "no delay notice arrived");

    private Task EtaNoticesAsync(string email, int count) =>
        UntilAsync(() => Task.FromResult(smtp.MessagesTo(email).Count(m => Subject(m).Contains(EtaSubject, StringComparison.Ordinal)) >= count ? "" : null), $"{count} ETA notices did not arrive");

    [Fact]
    public async Task A_failed_attempt_is_watched_and_the_buyer_told_once_until_it_is_delivered()
    {
        var shipped = await ShippedAsync("Fiona Fehlversuch");
        await ReportedTwiceAsync(shipped, TrackingStatus.AttemptFail, "Empfänger nicht angetroffen");

        var entry = await WatchedAndToldOnceAsync(shipped, DelayCause.FailedAttempt, "konnte die Sendung nicht zustellen");
        Assert.Single(smtp.MessagesTo(shipped.BuyerEmail), m => Body(m).Contains("Empfänger nicht angetroffen", StringComparison.Ordinal));
        Assert.StartsWith("Lieferadresse", entry.GetProperty("suggestedAction").GetString());
        var page = await (await SignInWithCookieAsync("lager@uhrwerk.example")).GetStringAsync("/backoffice/tracking/watch-list?type=FailedAttempt");
        Assert.Contains(entry.GetProperty("id").GetGuid().ToString(), page);

        await RecordAsync(shipped, Scan("r3", Now.AddMinutes(-1), TrackingStatus.Delivered));
        await UntilAsync(() => InScopeAsync(db => db.WatchEntries.AsNoTracking().SingleOrDefaultAsync(e => e.ShipmentId == shipped.ShipmentId && e.ResolvedAt != null)), "the entry was not resolved");
        await EntryAsync(shipped.ShipmentId, DelayCause.FailedAttempt, "Resolved");
    }

    [Fact]
    public async Task A_carrier_estimate_after_the_promise_is_watched_and_the_buyer_told_once_with_the_new_date()
    {
        var shipped = await ShippedAsync("Erik Eta");
        var late = shipped.Promised.AddDays(3);
        await RecordAsync(shipped, Scan("e1", Now.AddMinutes(-30), TrackingStatus.InTransit, Noon(late)));
        await RecordAsync(shipped, Scan("e2", Now.AddMinutes(-20), TrackingStatus.InTransit, Noon(late)));

        await WatchedAndToldOnceAsync(shipped, DelayCause.EtaAfterPromise, "erst nach dem zugesagten Termin");
        Assert.Contains(OrderTextsDate(late), Assert.Single(smtp.MessagesTo(shipped.BuyerEmail), m => Subject(m).Contains(DelayedSubject, StringComparison.Ordinal)).TextBody ?? "");
        Assert.DoesNotContain(smtp.MessagesTo(shipped.BuyerEmail), m => Subject(m).Contains(EtaSubject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_changes_of_the_expected_day_are_told_twice_and_a_repeated_estimate_not_at_all()
    {
        var shipped = await ShippedAsync("Emil Zweimal");
        var (first, second) = (shipped.Promised.AddDays(-1), shipped.Promised.AddDays(-2));
        await RecordAsync(shipped, Scan("c1", Now.AddMinutes(-30), TrackingStatus.InTransit, Noon(first)));
        await EtaNoticesAsync(shipped.BuyerEmail, 1);
        await RecordAsync(shipped, Scan("c2", Now.AddMinutes(-25), TrackingStatus.InTransit, Noon(first)));
        await RecordAsync(shipped, Scan("c3", Now.AddMinutes(-20), TrackingStatus.InTransit, Noon(second)));
        await EtaNoticesAsync(shipped.BuyerEmail, 2);
        await NotificationsSettledAsync(shipped.BuyerEmail);

        var told = smtp.MessagesTo(shipped.BuyerEmail).Where(m => Subject(m).Contains(EtaSubject, StringComparison.Ordinal)).Select(m => m.TextBody ?? "").ToList();
        Assert.Equal(2, told.Count);
        Assert.Contains(told, t => t.Contains(OrderTextsDate(first), StringComparison.Ordinal));
        Assert.Contains(told, t => t.Contains(OrderTextsDate(second), StringComparison.Ordinal));
        Assert.DoesNotContain(smtp.MessagesTo(shipped.BuyerEmail), m => Subject(m).Contains(DelayedSubject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_parcel_not_scanned_for_working_days_is_found_by_the_check_and_told_once()
    {
        var shipped = await ShippedAsync("Nina Nichtsgehört");
        await RecordAsync(shipped, Scan("n1", Now.AddDays(-7), TrackingStatus.InTransit));
        await UntilAsync(() => InScopeAsync(db => db.TrackedShipments.AsNoTracking().SingleOrDefaultAsync(t => t.ShipmentId == shipped.ShipmentId && t.LastScanAt != null)), "the scan was not recorded");
        await NotificationsSettledAsync(shipped.BuyerEmail);

        await CheckAsync();
        await CheckAsync();

        await WatchedAndToldOnceAsync(shipped, DelayCause.NoScan, "seit mehreren Werktagen");
    }

    [Fact]
    public async Task A_carrier_exception_is_watched_and_the_buyer_told_once_before_the_promised_date()
    {
        var shipped = await ShippedAsync("Xaver Störfall");
        await ReportedTwiceAsync(shipped, TrackingStatus.Exception, "Sendung beschädigt");

        var entry = await WatchedAndToldOnceAsync(shipped, DelayCause.CarrierException, "ein Problem mit der Sendung aufgetreten");
        Assert.StartsWith("Paketdienst kontaktieren", entry.GetProperty("suggestedAction").GetString());
    }

    [Fact]
    public async Task A_parcel_longer_on_its_way_than_its_lane_usually_takes_is_found_by_the_check_and_told_once()
    {
        // A carrier of its own, so the lane's history (delivered the day they left) is this spec's alone.
        var shipped = await ShippedAsync("Lena Laufzeit", carrier: "Eilbote");
        var tracked = await InScopeAsync(db => db.TrackedShipments.AsNoTracking().SingleAsync(t => t.ShipmentId == shipped.ShipmentId));
        await SameDayLaneAsync(tracked);
        var days = Factory.Services.GetRequiredService<IInventory>().DeliveryDaysAt(new Destination(tracked.DestinationCountry, tracked.DestinationPostalCode));
        var nextDeliveryDay = days.Add(BerlinTime.DateOf(tracked.ShippedAt), 1);
        Factory.Clock.Advance(Noon(nextDeliveryDay) - Now);

        await CheckAsync();
        await CheckAsync();

        var entry = await WatchedAndToldOnceAsync(shipped, DelayCause.LeadTimeExceeded, "länger unterwegs als auf dieser Strecke üblich");
        Assert.StartsWith("Sendungsstatus beim Paketdienst prüfen", entry.GetProperty("suggestedAction").GetString());
        Assert.Single(await WatchListAsync("?state=Open"), e => e.GetProperty("shipmentId").GetGuid() == shipped.ShipmentId);
    }

    /// <summary>Enough delivered shipments on the lane of <paramref name="like"/> (carrier, warehouse, destination zone), each delivered the day it left, a week or more ago.</summary>
    private async Task SameDayLaneAsync(TrackedShipment like)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>();
        var minimum = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DelayWatchOptions>>().Value.LaneHistoryMinimum;
        for (var i = 0; i < minimum; i++)
        {
            var left = Noon(BerlinTime.DateOf(Now).AddDays(-7 - i)).ToUniversalTime();
            var number = $"LANE{Guid.NewGuid():N}"[..16];
            var delivered = TrackedShipment.Start(new ShipmentToTrack(Guid.NewGuid(), like.CompanyId!.Value, Guid.NewGuid(), like.OrderNumber, number, like.WarehouseCode, like.Carrier,
                like.Service, BerlinTime.DateOf(left), BerlinTime.DateOf(left), left, like.DestinationPostalCode, like.DestinationCountry, [number]), left);
            delivered.Record([Scan(number, left.AddHours(1), TrackingStatus.Delivered)], left.AddHours(1));
            db.TrackedShipments.Add(delivered);
        }

        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_shipment_not_shipped_by_its_planned_day_is_found_by_the_check_and_resolved_once_it_leaves()
    {
        var (shipmentId, _, email) = await PlannedAsync("Dora Versandverzug");
        var planned = await InScopeAsync(db => db.Shipments.AsNoTracking().SingleAsync(s => s.Id == shipmentId));
        await CheckAsync();
        Assert.DoesNotContain(await WatchListAsync("?type=DelayedDispatch"), e => e.GetProperty("shipmentId").GetGuid() == shipmentId);

        var behind = planned.PlannedShipDate.DayNumber - BerlinTime.DateOf(Now).DayNumber + 1;
        Factory.Clock.Advance(TimeSpan.FromDays(behind));
        await CheckAsync();
        await CheckAsync();

        await DelayNoticeAsync(email);
        await NotificationsSettledAsync(email);
        var delayed = Assert.Single(smtp.MessagesTo(email), m => Subject(m).Contains(DelayedSubject, StringComparison.Ordinal));
        Assert.Contains("später verlassen als geplant", Body(delayed), StringComparison.Ordinal);
        Assert.True(BerlinTime.DateOf(Now) <= planned.PromisedDeliveryDate, $"told on {BerlinTime.DateOf(Now)}, promised {planned.PromisedDeliveryDate}");
        var entry = await EntryAsync(shipmentId, DelayCause.DelayedDispatch);
        Assert.Equal(planned.OrderNumber, entry.GetProperty("orderNumber").GetString());

        var warehouse = await SignInAsync("lager@uhrwerk.example");
        await JsonAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{shipmentId}/advance", new
        {
            to = "Shipped", carrier = "DHL", service = "Paket", packages = new[] { new { weightKg = 2.5m, lengthCm = 30, widthCm = 20, heightCm = 10, trackingNumber = $"JJD{Guid.NewGuid():N}"[..20] } },
        }), HttpStatusCode.OK);
        await UntilAsync(() => InScopeAsync(db => db.WatchEntries.AsNoTracking().SingleOrDefaultAsync(e => e.ShipmentId == shipmentId && e.ResolvedAt != null)), "the entry was not resolved");
        await EntryAsync(shipmentId, DelayCause.DelayedDispatch, "Resolved");
    }

    [Fact]
    public async Task The_buyer_hears_when_the_parcel_is_out_for_delivery_and_when_it_waits_at_a_pickup_point()
    {
        var shipped = await ShippedAsync("Paula Paketshop");
        await RecordAsync(shipped, Scan("p1", Now.AddMinutes(-30), TrackingStatus.OutForDelivery));
        await RecordAsync(shipped, Scan("p2", Now.AddMinutes(-20), TrackingStatus.AvailableForPickup, text: "Filiale Augsburg, Hauptstr. 1"));

        var pickup = await UntilAsync(() => Task.FromResult(smtp.MessagesTo(shipped.BuyerEmail).FirstOrDefault(m => Body(m).Contains("liegt zur Abholung bereit", StringComparison.Ordinal))),
            "no pickup notice arrived");
        Assert.Contains("Augsburg", Body(pickup), StringComparison.Ordinal);
        await NotificationsSettledAsync(shipped.BuyerEmail);
        Assert.Single(smtp.MessagesTo(shipped.BuyerEmail), m => Body(m).Contains("ist in der Zustellung", StringComparison.Ordinal));
    }

    private static string Subject(MimeKit.MimeMessage m) => m.Subject ?? "";

    private static string Body(MimeKit.MimeMessage m) => m.TextBody ?? "";

    private static string OrderTextsDate(DateOnly day) => day.ToString("d", System.Globalization.CultureInfo.GetCultureInfo("de-DE"));
}

public sealed class DelayWatchOnSqlite(SqliteWithMail f) : DelayWatchSpec(f, f.Smtp), IClassFixture<SqliteWithMail>;

public sealed class DelayWatchOnPostgres(PostgresWithMail f) : DelayWatchSpec(f, f.Smtp), IClassFixture<PostgresWithMail>;
