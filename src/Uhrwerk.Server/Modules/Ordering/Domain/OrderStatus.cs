using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Ordering.Domain;

public enum OrderStatus
{
    Draft,
    PendingApproval,
    Approved,
    Placed,
    Rejected,
    Revised,
    Withdrawn,
    Confirmed,
    InFulfillment,
    PartiallyShipped,
    Shipped,
    Delivered,
    Closed,
    Cancelled,
}

/// <summary>The one table of legal status changes; everything else is a 409.</summary>
public static class OrderStatusTransitions
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Allowed = new()
    {
        [OrderStatus.Draft] = [OrderStatus.PendingApproval, OrderStatus.Placed],
        [OrderStatus.PendingApproval] = [OrderStatus.Approved, OrderStatus.Rejected, OrderStatus.Withdrawn],
        [OrderStatus.Approved] = [OrderStatus.Placed],
        [OrderStatus.Rejected] = [OrderStatus.Revised, OrderStatus.Withdrawn],
        [OrderStatus.Revised] = [OrderStatus.PendingApproval, OrderStatus.Withdrawn],
        [OrderStatus.Placed] = [OrderStatus.Confirmed, OrderStatus.InFulfillment, OrderStatus.Cancelled],
        [OrderStatus.Confirmed] = [OrderStatus.InFulfillment, OrderStatus.Cancelled],
        [OrderStatus.InFulfillment] = [OrderStatus.PartiallyShipped, OrderStatus.Shipped],
        [OrderStatus.PartiallyShipped] = [OrderStatus.Shipped],
        [OrderStatus.Shipped] = [OrderStatus.Delivered],
        [OrderStatus.Delivered] = [OrderStatus.Closed],
    };

    public static bool CanMove(OrderStatus from, OrderStatus to) => Allowed.TryGetValue(from, out var next) && next.Contains(to);

    public static void EnsureCanMove(OrderStatus from, OrderStatus to)
    {
        if (!CanMove(from, to))
        {
            throw new DomainException("illegal_transition", T.Format("Ordering.IllegalTransition", T.Get("OrderStatus." + from), T.Get("OrderStatus." + to)));
        }
    }
}
