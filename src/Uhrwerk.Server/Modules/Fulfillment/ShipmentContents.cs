using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Ordering;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Fulfillment;

/// <summary>What a shipment carries (items and quantities, no prices), for pages that show a shipment outside the portal.</summary>
public interface IShipmentContents
{
    Task<IReadOnlyList<DeliveredItem>> OfAsync(Guid shipmentId, CancellationToken ct);
}

internal sealed class ShipmentContents(UhrwerkDbContext db) : IShipmentContents
{
    public async Task<IReadOnlyList<DeliveredItem>> OfAsync(Guid shipmentId, CancellationToken ct) =>
        await db.Set<Domain.ShipmentLine>().AsNoTracking().Where(l => l.ShipmentId == shipmentId).OrderBy(l => l.Position)
            .Select(l => new DeliveredItem(l.Position, l.Sku, l.Name, l.Unit, l.Quantity)).ToListAsync(ct);
}
