using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Ordering.Events;

// What Ordering tells the rest of the system and the ERP, after the change committed. Facts only:
// who reacts and in which words is the reacting module's business. docs/events.md describes each one.

/// <summary>
/// The order as it stands after the event, complete enough for an ERP to book it without a second
/// call. Amounts are net EUR; statuses and rules are names, so readers need no Ordering types.
/// </summary>
public sealed record OrderSnapshot(
    Guid OrderId,
    string Number,
    Guid CompanyId,
    string? CustomerNumber,
    Guid BuyerId,
    string BuyerName,
    string Status,
    string DeliveryChoice,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PlacedAt,
    DateOnly? RequestedDeliveryDate,
    string? PurchaseOrderReference,
    string? Comment,
    ShipToSnapshot ShipTo,
    decimal Total,
    string Currency,
    IReadOnlyList<OrderLineSnapshot> Lines,
    string? ErpOrderNumber);

public sealed record ShipToSnapshot(string Label, string PostalCode, string Country);

/// <summary>
/// A position; <paramref name="Deliveries"/> is the delivery plan the promise made when the order was placed (empty before).
/// <paramref name="ConfirmedDate"/> is the ERP's date beside the promise once it confirmed; <paramref name="ShippedQuantity"/> how many shipped so far;
/// <paramref name="CancelledQuantity"/> how many the buyer cancelled once fulfilment had started.
/// </summary>
public sealed record OrderLineSnapshot(int Position, string Sku, string Name, string Unit, int Quantity, decimal UnitPrice, decimal LineTotal, DateOnly? PromisedDate, IReadOnlyList<PlannedDelivery> Deliveries,
    DateOnly? ConfirmedDate = null, int ShippedQuantity = 0, int CancelledQuantity = 0);

public sealed record PlannedDelivery(int Quantity, DateOnly DeliveryDate, string WarehouseCode);

/// <summary>A budget rule the order breaks: <paramref name="Rule"/> is MaxQuantityPerOrder (pieces), MaxOrderValue or PeriodBudget (EUR).</summary>
public sealed record BudgetExcess(string Rule, decimal Limit, decimal Actual, decimal Excess);

public sealed record OrderActor(Guid UserId, string Name);

/// <summary>The order is with the supplier: placed within budget. After an approval, <see cref="OrderApproved"/> says the same.</summary>
[Event("OrderPlaced", 1)]
public sealed record OrderPlaced(OrderSnapshot Order);

/// <summary>The order breaks budget rules and waits for one of <paramref name="ApproverIds"/>, routed when it was submitted.</summary>
[Event("OrderApprovalRequested", 1)]
public sealed record OrderApprovalRequested(OrderSnapshot Order, IReadOnlyList<BudgetExcess> Findings, IReadOnlyList<Guid> ApproverIds);

/// <summary>An approver approved; the order is placed with the supplier at once.</summary>
[Event("OrderApproved", 1)]
public sealed record OrderApproved(OrderSnapshot Order, OrderActor Approver, string? Comment);

[Event("OrderRejected", 1)]
public sealed record OrderRejected(OrderSnapshot Order, OrderActor Approver, string Comment);

/// <summary>The buyer reworked a rejected order; it waits for <paramref name="ApproverIds"/> again.</summary>
[Event("OrderRevised", 1)]
public sealed record OrderRevised(OrderSnapshot Order, string Comment, IReadOnlyList<BudgetExcess> Findings, IReadOnlyList<Guid> ApproverIds);

/// <summary>An approver corrected the order before deciding; <paramref name="Before"/> and <paramref name="After"/> are the history's readable pictures.</summary>
[Event("OrderChanged", 1)]
public sealed record OrderChanged(OrderSnapshot Order, OrderActor ChangedBy, string? Comment, string? Before, string? After);

[Event("OrderCancelled", 1)]
public sealed record OrderCancelled(OrderSnapshot Order, OrderActor CancelledBy, string Reason);

/// <summary>How many of a line were cancelled, and how many of it are still coming (picked or shipped before).</summary>
public sealed record CancelledLine(int Position, string Sku, string Name, string Unit, int Quantity, int StillDue);

/// <summary>
/// The buyer cancelled what the warehouse had not picked yet of an order whose fulfilment had started; the picked and shipped
/// goods still come. <paramref name="Lines"/> are the lines something was cancelled of.
/// </summary>
[Event("OrderRestCancelled", 1)]
public sealed record OrderRestCancelled(OrderSnapshot Order, OrderActor CancelledBy, string Reason, IReadOnlyList<CancelledLine> Lines);

/// <summary>A message in the order's conversation; <paramref name="RecipientIds"/> are the others in the thread (buyer and current approvers).</summary>
[Event("OrderMessagePosted", 1)]
public sealed record OrderMessagePosted(OrderSnapshot Order, OrderActor Author, string Text, IReadOnlyList<Guid> RecipientIds);

/// <summary>An approver is away; their deputy now decides the order until <paramref name="Until"/>.</summary>
[Event("OrderHandedToDeputy", 1)]
public sealed record OrderHandedToDeputy(OrderSnapshot Order, Guid DeputyId, string AbsentApproverName, DateOnly Until);

/// <summary>A line the ERP confirmed for another date than the buyer was last told (<paramref name="Before"/>: the promise, or an earlier confirmation).</summary>
public sealed record ChangedDeliveryDate(int Position, string Sku, string Name, DateOnly? Before, DateOnly After);

/// <summary>
/// The ERP accepted the order under <paramref name="ErpOrderNumber"/>; <paramref name="ChangedLines"/> are the lines it confirmed
/// for other dates (empty: as promised). A confirmed order confirmed again with other dates says so once more.
/// </summary>
[Event("OrderConfirmed", 1)]
public sealed record OrderConfirmed(OrderSnapshot Order, string ErpOrderNumber, IReadOnlyList<ChangedDeliveryDate> ChangedLines);

/// <param name="Quantity">How many of the line this shipment took.</param>
/// <param name="ShippedInTotal">How many of the line have shipped so far, this shipment included.</param>
public sealed record ShippedLine(int Position, string Sku, string Name, int Quantity, int ShippedInTotal);

/// <summary>The ERP shipped (part of) the order; <paramref name="Complete"/> when everything has now shipped.</summary>
[Event("OrderShipped", 1)]
public sealed record OrderShipped(OrderSnapshot Order, IReadOnlyList<ShippedLine> Lines, DateTimeOffset ShippedAt, IReadOnlyList<string> TrackingNumbers, bool Complete);

[Event("OrderInvoiced", 1)]
public sealed record OrderInvoiced(OrderSnapshot Order, string InvoiceNumber, DateOnly InvoiceDate);
