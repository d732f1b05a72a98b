using System.Collections.Concurrent;
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
    // Compiled, once per provider (a compiled query keeps the model it first ran on): the public tracking page asks this on every request.
    private static readonly ConcurrentDictionary<Type, Func<UhrwerkDbContext, Guid, IAsyncEnumerable<DeliveredItem>>> Items = new();

    private static Func<UhrwerkDbContext, Guid, IAsyncEnumerable<DeliveredItem>> Compile() => EF.CompileAsyncQuery((UhrwerkDbContext db, Guid shipmentId) =>
        db.Set<Domain.ShipmentLine>().AsNoTracking().Where(l => l.ShipmentId == shipmentId).OrderBy(l => l.Position)
            .Select(l => new DeliveredItem(l.Position, l.Sku, l.Name, l.Unit, l.Quantity)));

    public async Task<IReadOnlyList<DeliveredItem>> OfAsync(Guid shipmentId, CancellationToken ct)
    {
        var items = new List<DeliveredItem>();
        await foreach (var item in Items.GetOrAdd(db.GetType(), _ => Compile())(db, shipmentId).WithCancellation(ct))
        {
            items.Add(item);
        }

        return items;
    }
}
