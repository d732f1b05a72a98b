using Uhrwerk.Server.Modules.Notifications.Dispatching;
using Uhrwerk.Server.Modules.Ordering.Events;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Notifications.OrderProgress;

/// <summary>
/// The ERP confirmed an order for other dates than the buyer was told: the buyer hears which lines move, with the
/// dates written the way they read dates. A confirmation as promised tells nobody anything new.
/// </summary>
internal sealed class OrderConfirmedNotifications(UserNotifications users, PortalLinks links) : IEventHandler<OrderConfirmed>
{
    public const string Situation = "order.confirmed-changed";

    public Task HandleAsync(OrderConfirmed confirmed, EventContext context, CancellationToken ct) =>
        confirmed.ChangedLines.Count == 0
            ? Task.CompletedTask
            : users.NotifyAsync(Situation, [confirmed.Order.BuyerId], buyer =>
            {
                var texts = OrderTexts.In(buyer.Language);
                return new Dictionary<string, string>
                {
                    ["order_number"] = confirmed.Order.Number,
                    ["erp_order_number"] = confirmed.ErpOrderNumber,
                    ["changed_dates"] = string.Join('\n', confirmed.ChangedLines.Select(l => $"{l.Sku} {l.Name}: {Date(l.Before)} → {Date(l.After)}")),
                    ["link"] = links.To($"/orders/{confirmed.Order.OrderId}"),
                };

                string Date(DateOnly? date) => date is { } day ? texts.Date(day) : "–";
            }, context, ct);
}
