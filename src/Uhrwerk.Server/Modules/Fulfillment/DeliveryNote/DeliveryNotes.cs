using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Fulfillment.Domain;
using Uhrwerk.Server.Modules.Ordering;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Fulfillment.DeliveryNote;

public sealed record DeliveryNoteLine(int Position, string Sku, string Name, int Quantity, string Unit);

/// <summary>Everything a delivery note prints, in the customer's language (<see cref="Culture"/>).</summary>
public sealed record DeliveryNoteData(CultureInfo Culture, string Reference, string OrderNumber, string? PurchaseOrderReference, string ShipTo, string WarehouseCode,
    DateOnly? ShippedOn, string? Carrier, string? Service, IReadOnlyList<string> TrackingNumbers, IReadOnlyList<DeliveryNoteLine> Lines, string TrackingLink);

/// <summary>
/// The delivery note of a shipment that has left the shelf: a customer reads the notes of the orders they may see (their company's
/// filter applies to every query), staff read all.
/// </summary>
internal sealed class DeliveryNotes(UhrwerkDbContext db, CurrentUser me, IAccounts accounts, OrderTrackingLink tracking)
{
    public async Task<DeliveryNoteData?> FindAsync(Guid? orderId, Guid shipmentId, CancellationToken ct)
    {
        var shipment = await db.Shipments.AsNoTracking().Include(s => s.Lines).Include(s => s.Packages)
            .SingleOrDefaultAsync(s => s.Id == shipmentId && (orderId == null || s.OrderId == orderId), ct);
        if (shipment is null || !shipment.IsPicked)
        {
            return null;
        }

        var order = await OrderForDocuments.Of(db).SingleOrDefaultAsync(o => o.OrderId == shipment.OrderId, ct);
        if (order is null || (me.CompanyId is not null && order.BuyerId != me.UserId && !me.Has(Permission.ViewCompanyOrders) && !me.Has(Permission.ApproveOrders)))
        {
            return null;
        }

        var buyer = (await accounts.ContactsAsync([order.BuyerId], ct)).SingleOrDefault();
        return new DeliveryNoteData(CultureInfo.GetCultureInfo(buyer?.Language == "en" ? "en" : "de"), shipment.Reference, order.Number, order.PurchaseOrderReference,
            order.ShipTo, shipment.WarehouseCode, shipment.ShippedAt is { } at ? Platform.Localization.BerlinTime.DateOf(at) : null, shipment.Carrier, shipment.Service,
            shipment.TrackingNumbers, shipment.Lines.OrderBy(l => l.Position).Select(l => new DeliveryNoteLine(l.Position, l.Sku, l.Name, l.Quantity, l.Unit)).ToList(),
            tracking.For(order.OrderId));
    }
}
