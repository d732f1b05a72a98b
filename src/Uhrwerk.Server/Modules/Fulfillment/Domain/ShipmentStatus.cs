using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Fulfillment.Domain;

public enum ShipmentStatus { Planned, Picking, Packed, Shipped, Delivered, Cancelled }

/// <summary>
/// The one table of legal status changes. Only a planned shipment can be cancelled: once picking started its goods
/// have left the shelf (the stock ledger booked them out), so they ship.
/// </summary>
public static class ShipmentStatusTransitions
{
    private static readonly Dictionary<ShipmentStatus, ShipmentStatus[]> Allowed = new()
    {
        [ShipmentStatus.Planned] = [ShipmentStatus.Picking, ShipmentStatus.Cancelled],
        [ShipmentStatus.Picking] = [ShipmentStatus.Packed],
        [ShipmentStatus.Packed] = [ShipmentStatus.Shipped],
        [ShipmentStatus.Shipped] = [ShipmentStatus.Delivered],
    };

    /// <summary>The steps from one status to another along the table, e.g. Planned → Shipped passes Picking and Packed.</summary>
    public static IReadOnlyList<ShipmentStatus> PathTo(ShipmentStatus from, ShipmentStatus to)
    {
        var path = new List<ShipmentStatus>();
        var at = from;
        while (at != to)
        {
            if (!Allowed.TryGetValue(at, out var next))
            {
                throw Illegal(from, to);
            }

            at = next.Contains(to) ? to : next[0];
            path.Add(at);
        }

        return path;
    }

    public static void EnsureCanMove(ShipmentStatus from, ShipmentStatus to)
    {
        if (!Allowed.TryGetValue(from, out var next) || !next.Contains(to))
        {
            throw Illegal(from, to);
        }
    }

    private static DomainException Illegal(ShipmentStatus from, ShipmentStatus to) =>
        new("illegal_transition", T.Format("Fulfillment.IllegalTransition", T.Get("ShipmentStatus." + from), T.Get("ShipmentStatus." + to)));
}
