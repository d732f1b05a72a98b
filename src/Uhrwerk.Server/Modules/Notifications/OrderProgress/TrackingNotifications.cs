using Uhrwerk.Server.Modules.Fulfillment;
using Uhrwerk.Server.Modules.Notifications.Dispatching;
using Uhrwerk.Server.Modules.Ordering;
using Uhrwerk.Server.Modules.Tracking.Events;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Notifications.OrderProgress;

/// <summary>
/// The buyer hears from the carrier's side first: a delay with its reason and new date (once per cause, the delay watch
/// decides), each change of the expected day, the parcel out for delivery, a failed attempt, a parcel waiting at a pickup point.
/// </summary>
internal sealed class TrackingNotifications(UserNotifications users, IOrdering ordering, OrderTrackingLink links)
    : IEventHandler<DeliveryDelayed>, IEventHandler<EtaChanged>, IEventHandler<TrackingUpdated>
{
    public const string Delayed = "shipment.delayed";
    public const string NewEta = "shipment.eta-changed";
    public const string OutForDelivery = "shipment.out-for-delivery";
    public const string DeliveryFailed = "shipment.delivery-failed";
    public const string ReadyForPickup = "shipment.ready-for-pickup";

    // Carriers keep a parcel at a pickup point for about a week.
    private const int PickupDays = 7;

    public Task HandleAsync(DeliveryDelayed delayed, EventContext context, CancellationToken ct) =>
        NotifyAsync(Delayed, delayed.OrderId, delayed.OrderNumber, (texts, values) =>
        {
            values["new_date"] = texts.Date(delayed.ExpectedDelivery);
            values["reason"] = T.Format(texts.Culture, "Notifications.Delay." + delayed.Cause);
        }, context, ct);

    public Task HandleAsync(EtaChanged changed, EventContext context, CancellationToken ct) =>
        NotifyAsync(NewEta, changed.OrderId, changed.OrderNumber, (texts, values) => values["new_date"] = texts.Date(changed.ExpectedDelivery), context, ct);

    public Task HandleAsync(TrackingUpdated updated, EventContext context, CancellationToken ct)
    {
        var tracking = updated.Tracking;
        if (tracking.Status == updated.PreviousStatus)
        {
            return Task.CompletedTask;
        }

        var latest = updated.NewScans.LastOrDefault(s => s.Status == tracking.Status);
        return tracking.Status switch
        {
            "OutForDelivery" => NotifyAsync(OutForDelivery, tracking.OrderId, tracking.OrderNumber, (texts, values) =>
            {
                values["eta"] = tracking.CarrierEta is { } eta && BerlinTime.DateOf(eta) == BerlinTime.DateOf(tracking.StatusAt)
                    ? BerlinTime.ToLocal(eta).ToString("t", texts.Culture) : "";
                values["tracking_link"] = values["link"];
            }, context, ct),
            "AttemptFail" => NotifyAsync(DeliveryFailed, tracking.OrderId, tracking.OrderNumber, (texts, values) =>
            {
                values["reason"] = latest?.CarrierText ?? T.Format(texts.Culture, "Notifications.Tracking.NoReason");
                values["next_attempt"] = T.Format(texts.Culture, "Notifications.Tracking.NextAttempt");
            }, context, ct),
            "AvailableForPickup" => NotifyAsync(ReadyForPickup, tracking.OrderId, tracking.OrderNumber, (texts, values) =>
            {
                values["pickup_location"] = latest?.Location ?? latest?.CarrierText ?? "–";
                values["pickup_until"] = texts.Date(BerlinTime.DateOf(tracking.StatusAt).AddDays(PickupDays));
            }, context, ct),
            _ => Task.CompletedTask,
        };
    }

    private async Task NotifyAsync(string situation, Guid orderId, string orderNumber, Action<OrderTexts, Dictionary<string, string>> fill, EventContext context, CancellationToken ct)
    {
        if (await ordering.FindForFulfilmentAsync(orderId, ct) is not { } order)
        {
            return;
        }

        await users.NotifyAsync(situation, [order.BuyerId], buyer =>
        {
            var values = new Dictionary<string, string> { ["order_number"] = orderNumber, ["link"] = links.For(orderId) };
            fill(OrderTexts.In(buyer.Language), values);
            return values;
        }, context, ct);
    }
}
