using System.Globalization;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Ordering.Domain;

/// <summary>Who did something to an order, as the history shows them.</summary>
public sealed record Actor(Guid Id, string Name);

/// <summary>What the buyer writes on the order besides the lines.</summary>
public sealed record OrderHeader(ShipToAddress ShipTo, DateOnly? RequestedDeliveryDate, string? PurchaseOrderReference, string? Comment);

/// <summary>How the buyer wants a line delivered when not all of it is available on the requested date.</summary>
public enum DeliveryChoice { Complete, Partial }

/// <summary>One promised delivery of a line: this many on that day, from that warehouse.</summary>
public sealed record LineDelivery(int Quantity, DateOnly DeliveryDate, string WarehouseCode);

/// <summary>
/// A customer's order. Its status only changes through the business actions below, each checked
/// against <see cref="OrderStatusTransitions"/> and written to the append-only history. Totals
/// are computed from the lines, never taken from a client.
/// </summary>
public sealed class Order : ICompanyOwned
{
    private readonly List<OrderLine> _lines = [];
    private readonly List<OrderEvent> _history = [];
    private readonly List<OrderMessage> _messages = [];
    private List<BudgetFinding> _findings = [];

    private Order() { }

    public Guid Id { get; private set; }
    public Guid? CompanyId { get; private set; }
    public string Number { get; private set; } = "";

    /// <summary>The company's ERP customer number when the order was submitted, so the ERP can book it.</summary>
    public string? CustomerNumber { get; private set; }

    /// <summary>The ERP's own number for the order, once the ERP has booked it.</summary>
    public string? ErpOrderNumber { get; private set; }

    /// <summary>The ERP's invoice for the order, once it has invoiced it.</summary>
    public string? InvoiceNumber { get; private set; }

    public DateOnly? InvoiceDate { get; private set; }

    public Guid BuyerId { get; private set; }
    public string BuyerName { get; private set; } = "";
    public OrderStatus Status { get; private set; }
    public string ShipTo { get; private set; } = "";
    public string ShipToPostalCode { get; private set; } = "";
    public string ShipToCountry { get; private set; } = "";
    public DeliveryChoice DeliveryChoice { get; private set; }
    public DateOnly? RequestedDeliveryDate { get; private set; }
    public string? PurchaseOrderReference { get; private set; }
    public string? Comment { get; private set; }
    public decimal Total { get; private set; }
    public int ApprovalRound { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? PlacedAt { get; private set; }

    /// <summary>Raised on every change so that two decisions at the same time cannot both hold.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<OrderLine> Lines => _lines;
    public IReadOnlyList<OrderEvent> History => _history;
    public IReadOnlyList<OrderMessage> Messages => _messages;

    /// <summary>The budget rules the current approval round was started by.</summary>
    public IReadOnlyList<BudgetFinding> Findings => _findings;

    public int TotalQuantity => _lines.Sum(l => l.Quantity);

    public ShipToAddress Destination => new(ShipTo, ShipToPostalCode, ShipToCountry);

    /// <summary>
    /// Once placed, each line gets the delivery dates the stock behind it allows; the promise is
    /// kept as it was made (for on-time-in-full), so it is set once only.
    /// </summary>
    public void Promise(IReadOnlyDictionary<Guid, IReadOnlyList<LineDelivery>> deliveries)
    {
        if (Status != OrderStatus.Placed || _lines.Any(l => l.PromisedDate is not null))
        {
            throw new DomainException("already_promised", T.Get("Ordering.AlreadyPromised"));
        }

        foreach (var line in _lines)
        {
            line.Promise(deliveries.TryGetValue(line.Id, out var planned) ? planned : throw new ArgumentException($"No delivery for line {line.Sku}.", nameof(deliveries)));
        }
    }

    /// <summary>The buyer submits: straight to the supplier within budget, otherwise to the approvers.</summary>
    public static Order Submit(Guid companyId, string? customerNumber, string number, Actor buyer, IReadOnlyList<OrderLine> lines, OrderHeader header, IReadOnlyList<BudgetFinding> findings, DeliveryChoice choice, DateTimeOffset now)
    {
        var order = new Order
        {
            Id = Guid.CreateVersion7(now),
            CompanyId = companyId,
            CustomerNumber = customerNumber,
            Number = number,
            BuyerId = buyer.Id,
            BuyerName = buyer.Name,
            Status = OrderStatus.Draft,
            DeliveryChoice = choice,
            CreatedAt = now,
        };
        order.Write(lines, header);
        if (findings.Count == 0)
        {
            order.Move(OrderStatus.Placed, buyer, now, null, null, null);
            order.PlacedAt = now;
        }
        else
        {
            order._findings = findings.ToList();
            order.ApprovalRound = 1;
            order.Move(OrderStatus.PendingApproval, buyer, now, order.Comment, null, null);
        }

        return order;
    }

    public void Approve(Actor approver, string? comment, DateTimeOffset now)
    {
        EnsureNotTheBuyer(approver);
        Move(OrderStatus.Approved, approver, now, Clean(comment), null, null);
        Move(OrderStatus.Placed, approver, now, null, null, null);
        PlacedAt = now;
    }

    public void Reject(Actor approver, string comment, DateTimeOffset now)
    {
        EnsureNotTheBuyer(approver);
        Move(OrderStatus.Rejected, approver, now, Required(comment), null, null);
    }

    /// <summary>The approver fixes the order before deciding; before and after go to the history.</summary>
    public void EditAsApprover(Actor approver, IReadOnlyList<OrderLine> lines, OrderHeader header, string? comment, DateTimeOffset now)
    {
        EnsureNotTheBuyer(approver);
        if (Status != OrderStatus.PendingApproval)
        {
            throw new DomainException("not_pending", T.Get("Ordering.NotPending"));
        }

        var before = Summary();
        Write(lines, header);
        Record(OrderAction.Edited, approver, now, Status, Status, Clean(comment), before, Summary());
    }

    /// <summary>The buyer reworks a rejected order and sends it to a new approval round.</summary>
    public void ReviseAndResubmit(Actor buyer, IReadOnlyList<OrderLine> lines, OrderHeader header, IReadOnlyList<BudgetFinding> findings, string comment, DateTimeOffset now)
    {
        EnsureTheBuyer(buyer);
        var text = Required(comment);
        var before = Summary();
        OrderStatusTransitions.EnsureCanMove(Status, OrderStatus.Revised);
        Write(lines, header);
        Move(OrderStatus.Revised, buyer, now, text, before, Summary());
        _findings = findings.ToList();
        ApprovalRound++;
        Move(OrderStatus.PendingApproval, buyer, now, null, null, null);
    }

    public void Withdraw(Actor buyer, string? comment, DateTimeOffset now)
    {
        EnsureTheBuyer(buyer);
        Move(OrderStatus.Withdrawn, buyer, now, Clean(comment), null, null);
    }

    /// <summary>
    /// The buyer cancels what the warehouse has not picked yet: the whole order while nothing is picked or shipped, otherwise
    /// the unpicked rest of each line. Picked or shipped goods have left the shelf for this order, so they stay ordered; an
    /// order whose every line is then shipped (delivered) in full is Shipped (Delivered).
    /// </summary>
    /// <param name="picked">How many of each SKU the warehouse has picked for the order so far.</param>
    /// <returns>What was cancelled of each line it touched.</returns>
    public IReadOnlyList<(OrderLine Line, int Quantity)> CancelUnpicked(Actor buyer, string reason, IReadOnlyDictionary<string, int> picked, DateTimeOffset now)
    {
        EnsureTheBuyer(buyer);
        var comment = Required(reason);
        var kept = _lines.ToDictionary(l => l.Id, l => Math.Max(l.ShippedQuantity, picked.GetValueOrDefault(l.Sku)));
        if (kept.Values.All(k => k == 0))
        {
            var all = _lines.Where(l => l.DueQuantity > 0).Select(l => (l, l.DueQuantity)).ToList();
            Move(OrderStatus.Cancelled, buyer, now, comment, null, null);
            return all;
        }

        if (Status is not (OrderStatus.Placed or OrderStatus.Confirmed or OrderStatus.InFulfillment or OrderStatus.PartiallyShipped))
        {
            OrderStatusTransitions.EnsureCanMove(Status, OrderStatus.Cancelled);
        }

        var rest = _lines.Select(l => (Line: l, Quantity: l.DueQuantity - Math.Min(kept[l.Id], l.DueQuantity))).Where(r => r.Quantity > 0).ToList();
        if (rest.Count == 0)
        {
            throw new UnprocessableException("everything_picked", null, T.Format("Ordering.PickedCannotCancel", Number));
        }

        var before = CancelledSummary();
        foreach (var (line, quantity) in rest)
        {
            line.CancelRest(quantity);
        }

        var to = !_lines.All(l => l.ShippedQuantity == l.DueQuantity) ? Status
            : _lines.All(l => l.DeliveredQuantity == l.DueQuantity) ? OrderStatus.Delivered : OrderStatus.Shipped;
        if (to == Status)
        {
            Record(OrderAction.Edited, buyer, now, Status, Status, comment, before, CancelledSummary());
        }
        else
        {
            Move(OrderStatus.Shipped, buyer, now, comment, before, CancelledSummary());
            if (to == OrderStatus.Delivered)
            {
                Move(OrderStatus.Delivered, buyer, now, null, null, null);
            }
        }

        return rest;
    }

    /// <summary>The warehouse starts on the order (a shipment is picked). Said again once it runs, it changes nothing.</summary>
    /// <returns>True when fulfilment starts now.</returns>
    public bool StartFulfilment(Actor by, DateTimeOffset now)
    {
        if (Status is OrderStatus.InFulfillment or OrderStatus.PartiallyShipped or OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Closed)
        {
            return false;
        }

        Move(OrderStatus.InFulfillment, by, now, null, null, null);
        return true;
    }

    /// <summary>
    /// The customer received goods: of some lines how many in total so far and the day the last of them arrived (so the same
    /// report twice changes nothing). The order is delivered once every line is delivered in full.
    /// </summary>
    /// <returns>True when the order became delivered with this report.</returns>
    public bool MarkDelivered(IReadOnlyDictionary<Guid, LineDeliveredSoFar> deliveredSoFar, Actor by, DateTimeOffset now)
    {
        var changed = _lines.Where(l => deliveredSoFar.TryGetValue(l.Id, out var total) && (total.Quantity != l.DeliveredQuantity || total.LastDeliveredOn != l.LastDeliveredOn)).ToList();
        if (changed.Count == 0)
        {
            return false;
        }

        var before = DeliveredSummary();
        foreach (var line in changed)
        {
            line.Deliver(deliveredSoFar[line.Id]);
        }

        if (_lines.All(l => l.DeliveredQuantity == l.DueQuantity))
        {
            Move(OrderStatus.Delivered, by, now, null, before, DeliveredSummary());
            return true;
        }

        Record(OrderAction.Edited, by, now, Status, Status, null, before, DeliveredSummary());
        return false;
    }

    /// <summary>
    /// The ERP booked the order under its own number. The same number again changes nothing (the ERP
    /// may repeat itself); another number is a conflict, so an order is never booked twice.
    /// </summary>
    /// <returns>True when the number is new to the order.</returns>
    public bool RecordErpNumber(string erpOrderNumber)
    {
        var number = PlainText.Name("erpOrderNumber", erpOrderNumber.Trim());
        if (string.IsNullOrEmpty(number) || number.Length > 40)
        {
            throw ValidationFailedException.For("erpOrderNumber", T.Get("Ordering.ErpNumberInvalid"));
        }

        if (ErpOrderNumber == number)
        {
            return false;
        }

        if (ErpOrderNumber is not null)
        {
            throw new DomainException("erp_number_differs", T.Format("Ordering.ErpNumberDiffers", Number, ErpOrderNumber));
        }

        ErpOrderNumber = number;
        Version++;
        return true;
    }

    /// <summary>
    /// The ERP accepted the order under its own number, each line for the date it names (the promise where it
    /// names none). The promise stays as made, for on-time-in-full; the confirmed date stands beside it. A confirmed
    /// order may be confirmed again with other dates; the same confirmation again changes nothing.
    /// </summary>
    /// <returns>The lines whose date now differs from what the buyer was last told; null when nothing changed.</returns>
    public IReadOnlyList<ConfirmedDateChange>? ConfirmByErp(string erpOrderNumber, IReadOnlyDictionary<string, DateOnly> confirmedDates, Actor erp, DateTimeOffset now)
    {
        var unknown = confirmedDates.Keys.FirstOrDefault(sku => _lines.All(l => l.Sku != sku));
        if (unknown is not null)
        {
            throw ValidationFailedException.For("lines", T.Format("Ordering.ErpUnknownSku", unknown, Number));
        }

        var confirmed = _lines.ToDictionary(l => l.Id, l => confirmedDates.TryGetValue(l.Sku, out var date) ? date : l.PromisedDate);
        var changes = _lines.Where(l => l.ExpectedDate != confirmed[l.Id] && confirmed[l.Id] is not null)
            .Select(l => new ConfirmedDateChange(l, l.ExpectedDate, confirmed[l.Id]!.Value)).ToList();
        if (changes.Count == 0 && ErpOrderNumber == erpOrderNumber.Trim() && Status is OrderStatus.Confirmed or OrderStatus.InFulfillment
            or OrderStatus.PartiallyShipped or OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Closed)
        {
            return null;
        }

        if (Status != OrderStatus.Confirmed)
        {
            OrderStatusTransitions.EnsureCanMove(Status, OrderStatus.Confirmed);
        }

        RecordErpNumber(erpOrderNumber);
        var before = ExpectedDates();
        foreach (var line in _lines)
        {
            line.Confirm(confirmed[line.Id]);
        }

        if (Status == OrderStatus.Confirmed)
        {
            Record(OrderAction.Edited, erp, now, Status, Status, null, before, ExpectedDates());
        }
        else
        {
            Move(OrderStatus.Confirmed, erp, now, ErpOrderNumber, before, ExpectedDates());
        }

        return changes;
    }

    /// <summary>
    /// The ERP shipped the order: all of it, or of some lines how many left so far in total (so the same report
    /// twice changes nothing). A confirmed order goes into fulfilment with its first shipment.
    /// </summary>
    /// <returns>What this report shipped, per line; empty when it told nothing new.</returns>
    public IReadOnlyList<(OrderLine Line, int Quantity)> MarkShipped(IReadOnlyDictionary<string, int>? shippedSoFar, Actor erp, DateTimeOffset now, string? comment)
    {
        var unknown = shippedSoFar?.Keys.FirstOrDefault(sku => _lines.All(l => l.Sku != sku));
        if (unknown is not null)
        {
            throw ValidationFailedException.For("lines", T.Format("Ordering.ErpUnknownSku", unknown, Number));
        }

        var shipped = _lines.Select(l => (Line: l, Total: shippedSoFar is null ? l.DueQuantity : shippedSoFar.TryGetValue(l.Sku, out var total) ? total : l.ShippedQuantity))
            .Where(s => s.Total != s.Line.ShippedQuantity).ToList();
        if (shipped.Count == 0 && Status is OrderStatus.InFulfillment or OrderStatus.PartiallyShipped or OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Closed)
        {
            return [];
        }

        // Shipping needs an order the ERP confirmed or one whose fulfilment started (a shipment was picked).
        if (Status is not (OrderStatus.Confirmed or OrderStatus.InFulfillment or OrderStatus.PartiallyShipped))
        {
            OrderStatusTransitions.EnsureCanMove(Status, OrderStatus.PartiallyShipped);
        }

        StartFulfilment(erp, now);

        var before = ShippedSummary();
        var reported = shipped.Select(s => (s.Line, s.Line.Ship(s.Total))).ToList();
        var to = _lines.All(l => l.ShippedQuantity == l.DueQuantity) ? OrderStatus.Shipped : OrderStatus.PartiallyShipped;
        if (to == Status)
        {
            Record(OrderAction.Edited, erp, now, Status, Status, comment, before, ShippedSummary());
        }
        else
        {
            Move(to, erp, now, comment, before, ShippedSummary());
        }

        return reported;
    }

    /// <summary>The ERP invoiced the order. The same invoice again changes nothing; another one is a conflict.</summary>
    /// <returns>True when the invoice is new to the order.</returns>
    public bool RecordInvoice(string invoiceNumber, DateOnly invoiceDate, Actor erp, DateTimeOffset now)
    {
        var number = PlainText.Name("invoiceNumber", invoiceNumber.Trim());
        if (string.IsNullOrEmpty(number) || number.Length > 40)
        {
            throw ValidationFailedException.For("invoiceNumber", T.Get("Ordering.InvoiceNumberInvalid"));
        }

        if (InvoiceNumber == number && InvoiceDate == invoiceDate)
        {
            return false;
        }

        if (InvoiceNumber is not null)
        {
            throw new DomainException("invoice_differs", T.Format("Ordering.InvoiceDiffers", Number, InvoiceNumber));
        }

        if (Status is not (OrderStatus.Confirmed or OrderStatus.InFulfillment or OrderStatus.PartiallyShipped or OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Closed))
        {
            throw new DomainException("not_confirmed", T.Format("Ordering.InvoiceBeforeConfirmation", Number, T.Get("OrderStatus." + Status)));
        }

        (InvoiceNumber, InvoiceDate) = (number, invoiceDate);
        Record(OrderAction.Invoiced, erp, now, Status, Status, string.Create(CultureInfo.InvariantCulture, $"{number} · {invoiceDate:yyyy-MM-dd}"), null, null);
        return true;
    }

    /// <summary>
    /// The ERP acknowledges that it booked the order under its own number; the first acknowledgement
    /// goes to the history with the ERP as actor, a repeat of the same number changes nothing.
    /// </summary>
    /// <returns>True when the number is new to the order.</returns>
    public bool AcknowledgeByErp(Actor erp, string erpOrderNumber, DateTimeOffset now)
    {
        if (!RecordErpNumber(erpOrderNumber))
        {
            return false;
        }

        Record(OrderAction.ErpAcknowledged, erp, now, Status, Status, ErpOrderNumber, null, null);
        return true;
    }

    public OrderMessage Say(Actor author, string text, DateTimeOffset now)
    {
        var message = OrderMessage.Write(Id, author, Required(text), now);
        _messages.Add(message);
        Version++;
        return message;
    }

    /// <summary>A readable one-line-per-position picture of the order, for before/after in the history.</summary>
    public string Summary() => string.Join('\n', _lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Quantity} × {l.Sku} {l.Name} à {l.UnitPrice:0.00} EUR")))
        + string.Create(CultureInfo.InvariantCulture, $"\nSumme {Total:0.00} EUR · {ShipTo} · {RequestedDeliveryDate:yyyy-MM-dd}");

    private string ExpectedDates() => string.Join('\n', _lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Sku} {l.Name}: {l.ExpectedDate:yyyy-MM-dd}")));

    private string DeliveredSummary() => string.Join('\n', _lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.DeliveredQuantity}/{l.Quantity} × {l.Sku} {l.Name}")));

    private string CancelledSummary() => string.Join('\n', _lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.DueQuantity}/{l.Quantity} × {l.Sku} {l.Name}")));

    private string ShippedSummary() => string.Join('\n', _lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.ShippedQuantity}/{l.Quantity} × {l.Sku} {l.Name}")));

    private void Write(IReadOnlyList<OrderLine> lines, OrderHeader header)
    {
        if (lines.Count == 0)
        {
            throw ValidationFailedException.For("lines", T.Get("Ordering.LinesRequired"));
        }

        if (string.IsNullOrWhiteSpace(header.ShipTo.Label))
        {
            throw ValidationFailedException.For("shipTo", T.Get("Ordering.ChooseAddress"));
        }

        _lines.Clear();
        _lines.AddRange(lines);
        (ShipTo, ShipToPostalCode, ShipToCountry) = (header.ShipTo.Label.Trim(), header.ShipTo.PostalCode.Trim(), header.ShipTo.Country.Trim().ToUpperInvariant());
        RequestedDeliveryDate = header.RequestedDeliveryDate;
        PurchaseOrderReference = PlainText.Name("purchaseOrderReference", Clean(header.PurchaseOrderReference));
        Comment = Clean(header.Comment);
        Total = _lines.Sum(l => l.LineTotal);
    }

    private void Move(OrderStatus to, Actor actor, DateTimeOffset now, string? comment, string? before, string? after)
    {
        OrderStatusTransitions.EnsureCanMove(Status, to);
        var from = Status;
        Status = to;
        Record(OrderAction.StatusChanged, actor, now, from, to, comment, before, after);
    }

    private void Record(OrderAction action, Actor actor, DateTimeOffset now, OrderStatus from, OrderStatus to, string? comment, string? before, string? after)
    {
        Version++;
        _history.Add(OrderEvent.Of(Id, Version, action, actor, now, from, to, comment, before, after));
    }

    private void EnsureNotTheBuyer(Actor actor)
    {
        if (actor.Id == BuyerId)
        {
            throw new NotAllowedException("self_approval", T.Get("Ordering.SelfApproval"));
        }
    }

    private void EnsureTheBuyer(Actor actor)
    {
        if (actor.Id != BuyerId)
        {
            throw new NotAllowedException("not_the_buyer", T.Get("Ordering.NotTheBuyer"));
        }
    }

    private static string Required(string? comment) =>
        Clean(comment) ?? throw ValidationFailedException.For("comment", T.Get("Ordering.CommentRequired"));

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : PlainText.Text("comment", text.Trim());
}

public sealed class OrderLine
{
    private OrderLine() { }

    public Guid Id { get; private set; }
    public Guid ProductId { get; private set; }
    public string Sku { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Unit { get; private set; } = "";
    public int Quantity { get; private set; }
    public decimal UnitPrice { get; private set; }
    public decimal LineTotal { get; private set; }

    /// <summary>The date the whole line is promised for; set once when the order is placed.</summary>
    public DateOnly? PromisedDate { get; private set; }

    public IReadOnlyList<LineDelivery> Deliveries { get; private set; } = [];

    /// <summary>The date the ERP confirmed for the whole line, beside the promise; null until the ERP confirmed.</summary>
    public DateOnly? ConfirmedDate { get; private set; }

    /// <summary>How many of the line have shipped so far, reported by the ERP or by fulfilment.</summary>
    public int ShippedQuantity { get; private set; }

    /// <summary>How many of the line the customer has received so far.</summary>
    public int DeliveredQuantity { get; private set; }

    /// <summary>
    /// The Berlin business day the last of the delivered goods arrived. On-time-in-full measures the line by it; kept here with the
    /// delivered quantity so that its report over a million lines reads the lines alone instead of adding up every shipment ever delivered.
    /// </summary>
    public DateOnly? LastDeliveredOn { get; private set; }

    /// <summary>How many of the line the buyer cancelled after fulfilment had started: what had not been picked then.</summary>
    public int CancelledQuantity { get; private set; }

    /// <summary>What the supplier still owes of the line in all: the quantity ordered less what was cancelled of it.</summary>
    public int DueQuantity => Quantity - CancelledQuantity;

    /// <summary>What the buyer was last told: the ERP's date once it confirmed, the promise before.</summary>
    public DateOnly? ExpectedDate => ConfirmedDate ?? PromisedDate;

    internal void Confirm(DateOnly? date) => ConfirmedDate = date;

    /// <returns>How many more shipped since the last report.</returns>
    internal int Ship(int total)
    {
        if (total < ShippedQuantity || total > DueQuantity)
        {
            throw ValidationFailedException.For("lines", T.Format("Ordering.ShippedQuantityInvalid", Sku, ShippedQuantity, DueQuantity));
        }

        var more = total - ShippedQuantity;
        ShippedQuantity = total;
        return more;
    }

    internal void CancelRest(int quantity) => CancelledQuantity += quantity;

    /// <summary>
    /// The delivery plan of what is still due: shipments cover a line's plan from its earliest part on, so what a cancellation
    /// took off is the latest of it.
    /// </summary>
    public IReadOnlyList<LineDelivery> DuePlan()
    {
        var left = DueQuantity;
        var plan = new List<LineDelivery>();
        foreach (var part in Deliveries.OrderBy(d => d.DeliveryDate))
        {
            var take = Math.Min(left, part.Quantity);
            if (take > 0)
            {
                plan.Add(part with { Quantity = take });
            }

            left -= take;
        }

        return plan;
    }

    internal void Deliver(LineDeliveredSoFar total)
    {
        if (total.Quantity < DeliveredQuantity || total.Quantity > ShippedQuantity)
        {
            throw ValidationFailedException.For("lines", T.Format("Ordering.DeliveredQuantityInvalid", Sku, DeliveredQuantity, ShippedQuantity));
        }

        DeliveredQuantity = total.Quantity;
        LastDeliveredOn = total.LastDeliveredOn;
    }

    internal void Promise(IReadOnlyList<LineDelivery> deliveries)
    {
        if (deliveries.Count == 0 || deliveries.Sum(d => d.Quantity) != Quantity)
        {
            throw new ArgumentException($"The deliveries of {Sku} must add up to {Quantity}.", nameof(deliveries));
        }

        Deliveries = deliveries.OrderBy(d => d.DeliveryDate).ToList();
        PromisedDate = Deliveries.Max(d => d.DeliveryDate);
    }

    /// <summary>Products are sold in whole packs, as the catalog shows them; null when the quantity can be ordered.</summary>
    public static string? QuantityProblem(string sku, int quantity, int packSize, string unit)
    {
        if (quantity is < 1 or > 1_000_000)
        {
            return T.Format("Ordering.QuantityRange", sku);
        }

        return packSize > 1 && quantity % packSize != 0
            ? T.Format("Ordering.PackSize", sku, packSize, unit, quantity, (quantity / packSize + 1) * packSize)
            : null;
    }

    public static OrderLine Of(Guid productId, string sku, string name, string unit, int packSize, int quantity, decimal unitPrice)
    {
        if (QuantityProblem(sku, quantity, packSize, unit) is { } problem)
        {
            throw ValidationFailedException.For("quantity", problem);
        }

        return new OrderLine { Id = Guid.NewGuid(), ProductId = productId, Sku = sku, Name = name, Unit = unit, Quantity = quantity, UnitPrice = unitPrice, LineTotal = quantity * unitPrice };
    }
}

public enum OrderAction { StatusChanged, Edited, Invoiced, ErpAcknowledged }

/// <summary>A line whose delivery date the ERP's confirmation moved: from what the buyer was last told to the ERP's date.</summary>
public sealed record ConfirmedDateChange(OrderLine Line, DateOnly? Before, DateOnly After);

/// <summary>One entry of an order's append-only history: who, when, what, before and after.</summary>
public sealed class OrderEvent : IAppendOnly
{
    private OrderEvent() { }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }

    /// <summary>The order's version this entry produced: the history's order, even within one instant.</summary>
    public int Sequence { get; private set; }
    public OrderAction Action { get; private set; }
    public OrderStatus FromStatus { get; private set; }
    public OrderStatus ToStatus { get; private set; }
    public Guid ActorId { get; private set; }
    public string ActorName { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    public string? Comment { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }

    internal static OrderEvent Of(Guid orderId, int sequence, OrderAction action, Actor actor, DateTimeOffset at, OrderStatus from, OrderStatus to, string? comment, string? before, string? after) => new()
    {
        Id = Guid.CreateVersion7(at),
        OrderId = orderId,
        Sequence = sequence,
        Action = action,
        FromStatus = from,
        ToStatus = to,
        ActorId = actor.Id,
        ActorName = actor.Name,
        At = at,
        Comment = comment,
        Before = before,
        After = after,
    };
}

/// <summary>One message of the conversation between buyer and approvers on an order.</summary>
public sealed class OrderMessage
{
    private OrderMessage() { }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public Guid AuthorId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    public string Text { get; private set; } = "";

    internal static OrderMessage Write(Guid orderId, Actor author, string text, DateTimeOffset at)
    {
        if (text.Length > 4000)
        {
            throw ValidationFailedException.For("text", T.Get("Ordering.MessageTooLong"));
        }

        return new OrderMessage { Id = Guid.CreateVersion7(at), OrderId = orderId, AuthorId = author.Id, AuthorName = author.Name, At = at, Text = PlainText.Text("text", text)! };
    }
}
