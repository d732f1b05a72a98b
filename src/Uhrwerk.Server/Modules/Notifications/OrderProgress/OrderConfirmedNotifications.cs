using System.Globalization;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Notifications.Dispatching;
using Uhrwerk.Server.Modules.Ordering.Events;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Notifications.OrderProgress;

/// <summary>
/// The ERP confirmed an order for other dates than the buyer was told: the buyer hears which lines move, with the
/// dates written the way they read dates. A confirmation as promised tells nobody anything new.
/// </summary>
internal sealed class OrderConfirmedNotifications(UserNotifications users, IAccounts accounts, PortalLinks links) : IEventHandler<OrderConfirmed>
{
    public const string Situation = "order.confirmed-changed";

    public async Task HandleAsync(OrderConfirmed confirmed, EventContext context, CancellationToken ct)
    {
        if (confirmed.ChangedLines.Count == 0 || (await accounts.ContactsAsync([confirmed.Order.BuyerId], ct)).SingleOrDefault() is not { } buyer)
        {
            return;
        }

        var data = new Dictionary<string, string>
        {
            ["order_number"] = confirmed.Order.Number,
            ["erp_order_number"] = confirmed.ErpOrderNumber,
            ["changed_dates"] = string.Join('\n', confirmed.ChangedLines.Select(l => $"{l.Sku} {l.Name}: {Date(l.Before, buyer.Language)} → {Date(l.After, buyer.Language)}")),
            ["link"] = links.To($"/orders/{confirmed.Order.OrderId}"),
        };
        await users.HandleAsync(new UsersToNotify(Situation, [buyer.UserId], data), context, ct);
    }

    private static string Date(DateOnly? date, string language) =>
        date?.ToString(language == "en" ? "dd'/'MM'/'yyyy" : "dd.MM.yyyy", CultureInfo.InvariantCulture) ?? "–";
}
