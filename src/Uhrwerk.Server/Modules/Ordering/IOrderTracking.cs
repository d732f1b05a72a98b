using Microsoft.AspNetCore.Components;

namespace Uhrwerk.Server.Modules.Ordering;

/// <summary>
/// The order page's place for each delivery's way to the customer. Tracking fills it with its own timeline, so Ordering
/// shows it without knowing carriers, scans or their texts, and without depending on the module that depends on it.
/// </summary>
public interface IOrderTracking
{
    /// <summary>Per shipment id, what the order page shows of where that delivery is; the caller's company filter applies.</summary>
    Task<IReadOnlyDictionary<Guid, RenderFragment>> TimelinesAsync(Guid orderId, CancellationToken ct);
}
