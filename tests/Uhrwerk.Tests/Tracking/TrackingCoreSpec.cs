using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Modules.Tracking.RecordScans;
using Uhrwerk.Server.Modules.Tracking.StartTracking;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Tests.Tracking;

/// <summary>Every shipment that leaves is tracked, and its state follows the carrier's scans by when they happened, not when they arrived.</summary>
public abstract class TrackingCoreSpec(UhrwerkFactory factory) : TrackingSpec(factory)
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 8, 0, 0, TimeSpan.FromHours(1));

    private static ScanReport[] Journey() =>
    [
        new("e1", Monday, TrackingStatus.InfoReceived, null, "pre-transit", "Auftragsdaten übermittelt", "Dortmund", null),
        new("e2", Monday.AddHours(6), TrackingStatus.InTransit, null, "transit", "Im Paketzentrum bearbeitet", "Dortmund", Monday.AddDays(2)),
        new("e3", Monday.AddDays(1), TrackingStatus.InTransit, null, "transit", "Im Zielpaketzentrum", "Augsburg", Monday.AddDays(1).AddHours(8)),
        new("e4", Monday.AddDays(1).AddHours(2), TrackingStatus.OutForDelivery, null, "transit", "In Zustellung", "Augsburg", null),
    ];

    [Fact]
    public async Task A_shipped_shipment_is_tracked_by_its_parcels_with_an_unguessable_link()
    {
        var shipmentId = await ShippedAsync("Tara Tracking", "JJD0001");
        await HandleTrackingAsync();

        var tracked = await TrackedAsync(shipmentId);
        Assert.Equal((TrackingStatus.Pending, "dhl", "JJD0001"), (tracked.Status, tracked.Parcels.Single().Carrier, tracked.Parcels.Single().TrackingNumber));
        Assert.True(tracked.PublicToken.Length >= 32);
        Assert.Equal(1, await InScopeAsync(db => db.TrackedShipments.CountAsync(t => t.ShipmentId == shipmentId)));
        Assert.Equal(1, await InScopeAsync(db => db.Outbox.CountAsync(m => m.Type == "TrackingStarted" && m.AggregateId == tracked.OrderId)));
    }

    [Fact]
    public async Task Scans_out_of_order_give_the_same_state_as_in_order_and_a_repeated_scan_changes_nothing()
    {
        var inOrder = await ShippedAsync("Ina Reihenfolge", "JJD0002");
        var shuffled = await ShippedAsync("Ole Durcheinander", "JJD0003");
        var journey = Journey();

        foreach (var scan in journey)
        {
            Assert.Equal(RecordOutcome.Recorded, await RecordAsync("JJD0002", scan));
        }

        Assert.Equal(RecordOutcome.Recorded, await RecordAsync("JJD0003", journey[3], journey[1]));
        Assert.Equal(RecordOutcome.Recorded, await RecordAsync("JJD0003", journey[0], journey[2], journey[3]));
        Assert.Equal(RecordOutcome.NothingNew, await RecordAsync("JJD0003", journey[1]));
        Assert.Equal(RecordOutcome.UnknownParcel, await RecordAsync("JJD9999", journey[0]));

        var (a, b) = (await TrackedAsync(inOrder), await TrackedAsync(shuffled));
        Assert.Equal((TrackingStatus.OutForDelivery, Monday.AddDays(1).AddHours(2), Monday.AddDays(1).AddHours(8)), (a.Status, a.StatusAt, a.CarrierEta));
        Assert.Equal((a.Status, a.StatusAt, a.CarrierEta, a.LastScanAt), (b.Status, b.StatusAt, b.CarrierEta, b.LastScanAt));
        Assert.Equal(4, b.Scans.Count);
        Assert.Equal(2, await InScopeAsync(db => db.Outbox.CountAsync(m => m.Type == "TrackingUpdated" && m.AggregateId == b.OrderId)));
    }
}

public sealed class TrackingCoreOnSqlite(SqliteFactory f) : TrackingCoreSpec(f), IClassFixture<SqliteFactory>;

public sealed class TrackingCoreOnPostgres(PostgresFactory f) : TrackingCoreSpec(f), IClassFixture<PostgresFactory>;
