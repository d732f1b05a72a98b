using System.Globalization;
using Uhrwerk.Server.Modules.Fulfillment;
using Uhrwerk.Server.Modules.Fulfillment.Events;
using Uhrwerk.Server.Modules.Notifications.Dispatching;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Notifications.OrderProgress;

/// <summary>
/// The buyer hears of each partial delivery that leaves (what, from where, what is still to come), of the shipment that
/// completes the order, and of each delivery. The tracking link opens the order's public tracking page without signing in.
/// </summary>
internal sealed class ShipmentNotifications(UserNotifications users, PortalLinks links, OrderTrackingLink tracking) : IEventHandler<ShipmentShipped>, IEventHandler<ShipmentDelivered>
{
    public const string PartiallyShipped = "shipment.partially-shipped";
    public const string ShippedComplete = "order.shipped";
    public const string Delivered = "shipment.delivered";

    public Task HandleAsync(ShipmentShipped shipped, EventContext context, CancellationToken ct) =>
        users.NotifyAsync(shipped.OrderComplete ? ShippedComplete : PartiallyShipped, [shipped.Shipment.BuyerId], buyer =>
        {
            var texts = OrderTexts.In(buyer.Language);
            var culture = Culture(buyer.Language);
            var values = Common(shipped.Shipment);
            values["items"] = Items(shipped.Shipment.Lines.Select(l => (l.Quantity, l.Unit, l.Sku, l.Name)), culture);
            values["warehouse"] = shipped.Shipment.WarehouseCode;
            values["carrier"] = string.Join(" ", new[] { shipped.Shipment.Carrier, shipped.Shipment.Service }.OfType<string>()) is { Length: > 0 } carrier ? carrier : "–";
            values["eta"] = texts.Date(shipped.Shipment.PromisedDeliveryDate);
            values["tracking_link"] = tracking.For(shipped.Shipment.OrderId);
            if (!shipped.OrderComplete)
            {
                values["backorders"] = string.Join('\n', shipped.Backorders.Select(b =>
                    T.Format(culture, "Notifications.Shipment.Backorder", b.Quantity.ToString("N0", culture), b.Sku, b.Name, b.PromisedDate is { } date ? texts.Date(date) : "–")));
            }

            return values;
        }, context, ct);

    public Task HandleAsync(ShipmentDelivered delivered, EventContext context, CancellationToken ct) =>
        users.NotifyAsync(Delivered, [delivered.Shipment.BuyerId], buyer =>
        {
            var values = Common(delivered.Shipment);
            values["delivered_at"] = OrderTexts.In(buyer.Language).Date(delivered.Shipment.DeliveredOn ?? BerlinTime.DateOf(delivered.Shipment.DeliveredAt!.Value));
            return values;
        }, context, ct);

    private Dictionary<string, string> Common(ShipmentSnapshot shipment) => new()
    {
        ["order_number"] = shipment.OrderNumber,
        ["link"] = links.To($"/orders/{shipment.OrderId}"),
    };

    private static string Items(IEnumerable<(int Quantity, string Unit, string Sku, string Name)> lines, CultureInfo culture) =>
        string.Join('\n', lines.Select(l => T.Format(culture, "Notifications.Shipment.Item", l.Quantity.ToString("N0", culture), l.Unit, l.Sku, l.Name)));

    private static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : "de-DE");
}
