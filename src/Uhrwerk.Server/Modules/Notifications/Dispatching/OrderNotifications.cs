using System.Globalization;
using Uhrwerk.Server.Modules.Ordering.Events;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Notifications.Dispatching;

/// <summary>
/// Tells buyers and approvers what happened to an order. Ordering states the facts; the words, numbers
/// and dates are each recipient's, rendered here from the order in the event.
/// </summary>
internal sealed class OrderNotifications(UserNotifications users, PortalLinks links) :
    IEventHandler<OrderPlaced>, IEventHandler<OrderApprovalRequested>, IEventHandler<OrderApproved>, IEventHandler<OrderRejected>,
    IEventHandler<OrderRevised>, IEventHandler<OrderChanged>, IEventHandler<OrderCancelled>, IEventHandler<OrderRestCancelled>, IEventHandler<OrderMessagePosted>,
    IEventHandler<OrderHandedToDeputy>
{
    public Task HandleAsync(OrderPlaced placed, EventContext context, CancellationToken ct) =>
        NotifyAsync("order.placed", [placed.Order.BuyerId], placed.Order, _ => [], context, ct);

    public Task HandleAsync(OrderApprovalRequested requested, EventContext context, CancellationToken ct) =>
        NotifyAsync("order.approval-requested", requested.ApproverIds, requested.Order, texts => [("reason", texts.Findings(requested.Findings, requested.Order.Currency))], context, ct);

    public Task HandleAsync(OrderApproved approved, EventContext context, CancellationToken ct) =>
        NotifyAsync("order.approved", [approved.Order.BuyerId], approved.Order, _ => [("approver_name", approved.Approver.Name), ("comment", approved.Comment ?? "")], context, ct);

    public Task HandleAsync(OrderRejected rejected, EventContext context, CancellationToken ct) =>
        NotifyAsync("order.rejected", [rejected.Order.BuyerId], rejected.Order, _ => [("approver_name", rejected.Approver.Name), ("comment", rejected.Comment)], context, ct);

    public Task HandleAsync(OrderRevised revised, EventContext context, CancellationToken ct) =>
        NotifyAsync("order.revised", revised.ApproverIds, revised.Order, _ => [("comment", revised.Comment)], context, ct);

    public Task HandleAsync(OrderChanged changed, EventContext context, CancellationToken ct) =>
        NotifyAsync("order.changed", [changed.Order.BuyerId], changed.Order, _ => [("changed_by", changed.ChangedBy.Name), ("comment", changed.Comment ?? "")], context, ct);

    public Task HandleAsync(OrderCancelled cancelled, EventContext context, CancellationToken ct) =>
        NotifyAsync("order.cancelled", [cancelled.Order.BuyerId], cancelled.Order, texts =>
        [
            ("changed_by", cancelled.CancelledBy.Name), ("comment", cancelled.Reason), ("still_due", ""),
            ("cancelled", texts.Quantities(cancelled.Order.Lines.Select(l => (l.Quantity - l.CancelledQuantity, l.Sku, l.Name)))),
        ], context, ct);

    /// <summary>The same situation as a whole cancellation; the message names what was cancelled and what still comes.</summary>
    public Task HandleAsync(OrderRestCancelled cancelled, EventContext context, CancellationToken ct) =>
        NotifyAsync("order.cancelled", [cancelled.Order.BuyerId], cancelled.Order, texts =>
        [
            ("changed_by", cancelled.CancelledBy.Name), ("comment", cancelled.Reason),
            ("cancelled", texts.Quantities(cancelled.Lines.Select(l => (l.Quantity, l.Sku, l.Name)))),
            ("still_due", texts.Quantities(cancelled.Order.Lines.Select(l => (l.Quantity - l.CancelledQuantity, l.Sku, l.Name)))),
        ], context, ct);

    public Task HandleAsync(OrderMessagePosted posted, EventContext context, CancellationToken ct) =>
        NotifyAsync("order.message", posted.RecipientIds, posted.Order, _ => [("changed_by", posted.Author.Name), ("comment", posted.Text)], context, ct);

    public Task HandleAsync(OrderHandedToDeputy handedOver, EventContext context, CancellationToken ct) =>
        NotifyAsync("order.deputy-assigned", [handedOver.DeputyId], handedOver.Order, texts => [("absent_name", handedOver.AbsentApproverName), ("until", texts.Date(handedOver.Until))], context, ct);

    private Task NotifyAsync(string situation, IEnumerable<Guid> recipients, OrderSnapshot order,
        Func<OrderTexts, IEnumerable<(string Name, string Value)>> particulars, EventContext context, CancellationToken ct)
    {
        var link = links.To($"/orders/{order.OrderId}");
        return users.NotifyAsync(situation, recipients, contact =>
        {
            var texts = OrderTexts.In(contact.Language);
            var values = new Dictionary<string, string>
            {
                ["order_number"] = order.Number,
                ["buyer_name"] = order.BuyerName,
                ["total"] = texts.Amount(order.Total, order.Currency),
                ["changes"] = texts.Lines(order),
                ["deliveries"] = texts.Deliveries(order),
                ["link"] = link,
            };
            foreach (var (name, value) in particulars(texts))
            {
                values[name] = value;
            }

            return values;
        }, context, ct);
    }
}

/// <summary>An order's amounts, dates, lines and budget findings in one reader's language and culture.</summary>
internal sealed class OrderTexts(CultureInfo culture)
{
    public static OrderTexts In(string language) => new(CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : "de-DE"));

    public CultureInfo Culture => culture;

    public string Amount(decimal amount, string currency) => T.Format(culture, "Notifications.Order.Amount", amount, currency);

    public string Date(DateOnly date) => T.Format(culture, "Notifications.Order.Date", date);

    public string Lines(OrderSnapshot order) => string.Join('\n', order.Lines.Select(l =>
        T.Format(culture, "Notifications.Order.Line", l.Quantity.ToString("N0", culture), l.Sku, l.Name, Amount(l.UnitPrice, order.Currency))));

    /// <summary>One line per position with a quantity: "4 × SKU name".</summary>
    public string Quantities(IEnumerable<(int Quantity, string Sku, string Name)> lines) => string.Join('\n', lines.Where(l => l.Quantity > 0).Select(l =>
        T.Format(culture, "Notifications.Order.Quantity", l.Quantity.ToString("N0", culture), l.Sku, l.Name)));

    /// <summary>The promised deliveries, one line per position that has any.</summary>
    public string Deliveries(OrderSnapshot order) => string.Join('\n', order.Lines.Where(l => l.Deliveries.Count > 0).Select(l =>
        $"{l.Sku}: " + string.Join(", ", l.Deliveries.Select(d => T.Format(culture, "Notifications.Order.Delivery", d.Quantity.ToString("N0", culture), l.Unit, Date(d.DeliveryDate))))));

    /// <summary>Which budget rules the order breaks and by how much: pieces for the quantity rule, money for the others.</summary>
    public string Findings(IEnumerable<BudgetExcess> findings, string currency) => string.Join("; ", findings.Select(f =>
    {
        Func<decimal, string> show = f.Rule == "MaxQuantityPerOrder" ? n => n.ToString("N0", culture) : n => Amount(n, currency);
        return T.Format(culture, "Budget.Finding." + f.Rule, show(f.Actual), show(f.Limit), show(f.Excess));
    }));
}
