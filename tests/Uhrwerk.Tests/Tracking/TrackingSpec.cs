using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.DemoData;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Modules.Tracking.RecordScans;
using Uhrwerk.Server.Modules.Tracking.StartTracking;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Tests.Tracking;

/// <summary>What tracking specs share: a shipment shipped through the API and tracked, and carrier scans recorded through the ledger.</summary>
public abstract class TrackingSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    /// <summary>A placed order of one demo product (by a new buyer of company A unless told otherwise), shipped in full with DHL under <paramref name="trackingNumber"/>, and the tracking handler run.</summary>
    protected async Task<Guid> ShippedAsync(string buyerName, string trackingNumber, DemoLogins.DemoCompany? company = null)
    {
        var buyer = await ColleagueAsync(company ?? CompanyA, buyerName, [PredefinedRole.Buyer], new { });
        var sku = await InScopeAsync(db => db.StockLevels.Where(l => l.OnHand - l.Reserved >= 5 && l.Sku.StartsWith("SHS-")).OrderBy(l => l.Sku).Select(l => l.Sku).FirstAsync());
        await SoldByThePieceAsync(sku);
        var order = await JsonAsync(buyer.Client.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku, quantity = 1 } } }), HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetGuid();
        var warehouse = await SignInAsync("lager@uhrwerk.example");
        var planned = await JsonAsync(warehouse.PostAsync($"/api/v1/backoffice/fulfillment/orders/{orderId}/shipments/from-plan", null), HttpStatusCode.Created);
        var shipmentId = planned.GetProperty("shipments").EnumerateArray().Single().GetProperty("id").GetGuid();
        await JsonAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{shipmentId}/advance", new
        {
            to = "Shipped", carrier = "DHL", service = "Paket", packages = new[] { new { weightKg = 2.5m, lengthCm = 30, widthCm = 20, heightCm = 10, trackingNumber } },
        }), HttpStatusCode.OK);
        await HandleTrackingAsync();
        return shipmentId;
    }

    protected async Task HandleTrackingAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.HandleAllAsync(TrackShippedShipments.Handler);
    }

    protected async Task<RecordOutcome> RecordAsync(string trackingNumber, params ScanReport[] scans)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<TrackingLedger>().RecordAsync(new TrackingUpdate("dhl", trackingNumber, scans), CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>().SaveChangesAsync();
        return outcome;
    }

    protected Task<TrackedShipment> TrackedAsync(Guid shipmentId) =>
        InScopeAsync(db => db.TrackedShipments.AsNoTracking().Include(t => t.Parcels).Include(t => t.Scans).SingleAsync(t => t.ShipmentId == shipmentId));
}
