using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Inventory.Domain;

/// <summary>
/// One product in one warehouse. On hand is always the sum of the product's movements there;
/// reserved the sum of its active stock reservations. Both change only through conditional
/// updates (see <see cref="StockKeeping.StockLedger"/>) so that concurrent requests never take
/// more than is available.
/// </summary>
public sealed class StockLevel
{
    private StockLevel() { }

    public Guid Id { get; private set; }
    public string Sku { get; private set; } = "";
    public string WarehouseCode { get; private set; } = "";
    public int OnHand { get; private set; }
    public int Reserved { get; private set; }
    public int Available => OnHand - Reserved;

    public static StockLevel Empty(string sku, string warehouseCode) => new() { Id = Guid.NewGuid(), Sku = sku, WarehouseCode = warehouseCode };

    /// <summary>A new level that is the sum of these movements (an initial load, e.g. demo data or a migration from the ERP).</summary>
    public static StockLevel Of(IReadOnlyList<StockMovement> movements)
    {
        var first = movements[0];
        if (movements.Any(m => m.Sku != first.Sku || m.WarehouseCode != first.WarehouseCode) || movements.Sum(m => m.Quantity) < 0)
        {
            throw new ArgumentException("Movements of one product in one warehouse that leave stock of at least zero.", nameof(movements));
        }

        return new StockLevel { Id = Guid.NewGuid(), Sku = first.Sku, WarehouseCode = first.WarehouseCode, OnHand = movements.Sum(m => m.Quantity) };
    }
}

public enum MovementKind { Receipt, Pick, Adjustment, TransferOut, TransferIn, ReturnToStock, Scrap }

/// <summary>An entry of the append-only stock ledger: a signed change of on-hand stock, why and by whom.</summary>
public sealed class StockMovement : IAppendOnly
{
    private StockMovement() { }

    public Guid Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Sku { get; private set; } = "";
    public string WarehouseCode { get; private set; } = "";
    public MovementKind Kind { get; private set; }
    public int Quantity { get; private set; }
    public string? Reason { get; private set; }

    /// <summary>What caused it: an order number, an inbound receipt, a transfer.</summary>
    public string? Reference { get; private set; }

    public string By { get; private set; } = "";

    public static StockMovement Record(MovementKind kind, string sku, string warehouseCode, int quantity, string? reason, string? reference, string by, DateTimeOffset now)
    {
        if (quantity == 0 || Math.Abs(quantity) > 10_000_000)
        {
            throw ValidationFailedException.For("quantity", T.Get("Inventory.Quantity"));
        }

        var inbound = kind is MovementKind.Receipt or MovementKind.TransferIn or MovementKind.ReturnToStock;
        var outbound = kind is MovementKind.Pick or MovementKind.TransferOut or MovementKind.Scrap;
        if ((inbound && quantity < 0) || (outbound && quantity > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(quantity), $"A {kind} cannot move {quantity}.");
        }

        if (kind is MovementKind.Adjustment or MovementKind.Scrap && string.IsNullOrWhiteSpace(reason))
        {
            throw ValidationFailedException.For("reason", T.Get("Inventory.ReasonRequired"));
        }

        return new StockMovement
        {
            Id = Guid.CreateVersion7(now), At = now, Sku = sku, WarehouseCode = warehouseCode, Kind = kind, Quantity = quantity,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), Reference = reference, By = by,
        };
    }
}

public enum ReservationStatus { Active, Released, Picked }

/// <summary>
/// A part of an order line held for it: stock in a warehouse, a share of an expected receipt, or,
/// with neither, a backorder waiting for supply. Receiving goods turns receipt and backorder
/// reservations into stock reservations.
/// </summary>
public sealed class Reservation
{
    private Reservation() { }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public Guid? CompanyId { get; private set; }
    public string OrderNumber { get; private set; } = "";
    public string Sku { get; private set; } = "";

    /// <summary>Empty for a backorder without known supply.</summary>
    public string WarehouseCode { get; private set; } = "";

    public Guid? ReceiptId { get; private set; }
    public int Quantity { get; private set; }
    public DateOnly DeliveryDate { get; private set; }
    public ReservationStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsOnStock => Status == ReservationStatus.Active && ReceiptId is null && WarehouseCode.Length > 0;

    public bool IsBackorder => Status == ReservationStatus.Active && ReceiptId is null && WarehouseCode.Length == 0;

    public static Reservation For(Guid orderId, Guid? companyId, string orderNumber, DeliveryPart part, string sku, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), OrderId = orderId, CompanyId = companyId, OrderNumber = orderNumber, Sku = sku,
        WarehouseCode = part.WarehouseCode, ReceiptId = part.ReceiptId, Quantity = part.Quantity, DeliveryDate = part.DeliveryDate,
        Status = ReservationStatus.Active, CreatedAt = now,
    };

    public void Release() => Status = Status == ReservationStatus.Active ? ReservationStatus.Released
        : throw new DomainException("reservation_closed", T.Get("Inventory.ReservationClosed"));

    public void Picked() => Status = IsOnStock ? ReservationStatus.Picked
        : throw new DomainException("reservation_not_on_stock", T.Get("Inventory.ReservationNotOnStock"));

    /// <summary>The goods arrived in this warehouse; the rest of a larger reservation stays where it was.</summary>
    public Reservation? MoveToStock(string warehouseCode, int quantity, DateTimeOffset now)
    {
        var rest = SplitOff(quantity, now);
        (WarehouseCode, ReceiptId) = (warehouseCode, null);
        return rest;
    }

    /// <summary>This many of a stock reservation are picked for a shipment; the rest of a larger one stays reserved.</summary>
    public Reservation? PickPart(int quantity, DateTimeOffset now)
    {
        if (!IsOnStock)
        {
            throw new DomainException("reservation_not_on_stock", T.Get("Inventory.ReservationNotOnStock"));
        }

        var rest = SplitOff(quantity, now);
        Status = ReservationStatus.Picked;
        return rest;
    }

    /// <summary>This many are no longer needed for the order; the rest of a larger reservation stays held.</summary>
    public Reservation? ReleasePart(int quantity, DateTimeOffset now)
    {
        var rest = SplitOff(quantity, now);
        Release();
        return rest;
    }

    /// <summary>A shipment took goods of the order that were not reserved in its warehouse: they are picked at once.</summary>
    public static Reservation PickedFromStock(Guid orderId, Guid? companyId, string orderNumber, string sku, string warehouseCode, int quantity, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), OrderId = orderId, CompanyId = companyId, OrderNumber = orderNumber, Sku = sku, WarehouseCode = warehouseCode,
        Quantity = quantity, DeliveryDate = DateOnly.FromDateTime(now.UtcDateTime), Status = ReservationStatus.Picked, CreatedAt = now,
    };

    private Reservation? SplitOff(int quantity, DateTimeOffset now)
    {
        if (quantity < 1 || quantity > Quantity)
        {
            throw new ArgumentOutOfRangeException(nameof(quantity), $"{quantity} of a reservation of {Quantity}.");
        }

        if (quantity == Quantity)
        {
            return null;
        }

        var rest = (Reservation)MemberwiseClone();
        rest.Id = Guid.CreateVersion7(now);
        rest.Quantity = Quantity - quantity;
        Quantity = quantity;
        return rest;
    }
}

public enum ReceiptKind { Purchase, Transfer }

public enum ReceiptStatus { Open, PartiallyReceived, Received, Cancelled }

/// <summary>Goods expected in a warehouse on a date: a supplier's purchase order or a transfer from another warehouse.</summary>
public sealed class ExpectedReceipt
{
    private ExpectedReceipt() { }

    public Guid Id { get; private set; }
    public ReceiptKind Kind { get; private set; }
    public string Reference { get; private set; } = "";
    public string? FromWarehouse { get; private set; }
    public string WarehouseCode { get; private set; } = "";
    public string Sku { get; private set; } = "";
    public int Quantity { get; private set; }
    public int Received { get; private set; }

    /// <summary>How much of the open quantity is already promised to order lines.</summary>
    public int Promised { get; private set; }

    public DateOnly ExpectedOn { get; private set; }
    public ReceiptStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public int Open => Status is ReceiptStatus.Open or ReceiptStatus.PartiallyReceived ? Quantity - Received : 0;

    public static ExpectedReceipt Expect(ReceiptKind kind, string reference, string? fromWarehouse, string warehouseCode, string sku, int quantity, DateOnly expectedOn, DateTimeOffset now)
    {
        if (quantity is < 1 or > 10_000_000)
        {
            throw ValidationFailedException.For("quantity", T.Get("Inventory.Quantity"));
        }

        if (string.IsNullOrWhiteSpace(reference))
        {
            throw ValidationFailedException.For("reference", T.Get("Inventory.ReferenceRequired"));
        }

        PlainText.Name("reference", reference);
        return new ExpectedReceipt
        {
            Id = Guid.CreateVersion7(now), Kind = kind, Reference = reference.Trim(), FromWarehouse = fromWarehouse, WarehouseCode = warehouseCode, Sku = sku,
            Quantity = quantity, ExpectedOn = expectedOn, Status = ReceiptStatus.Open, CreatedAt = now,
        };
    }

    /// <summary>Checks a delivery against what is still open; the booking itself is a conditional update that checks again.</summary>
    public void EnsureCanReceive(int quantity)
    {
        if (Status is ReceiptStatus.Received or ReceiptStatus.Cancelled)
        {
            throw new DomainException("receipt_closed", T.Get("Inventory.ReceiptClosed"));
        }

        if (quantity < 1 || quantity > Open)
        {
            throw ValidationFailedException.For("quantity", T.Format("Inventory.ReceiveAtMost", Open));
        }
    }
}

/// <summary>When to refill a product in a warehouse: below Min, up to Max in multiples, with the supplier's lead time.</summary>
public sealed class ReorderPoint
{
    private ReorderPoint() { }

    public Guid Id { get; private set; }
    public string Sku { get; private set; } = "";
    public string WarehouseCode { get; private set; } = "";
    public int Min { get; private set; }
    public int Max { get; private set; }
    public int Multiple { get; private set; }
    public int LeadTimeDays { get; private set; }

    public static ReorderPoint For(string sku, string warehouseCode) => new() { Id = Guid.NewGuid(), Sku = sku, WarehouseCode = warehouseCode, Multiple = 1 };

    public ReorderPoint Set(int min, int max, int multiple, int leadTimeDays)
    {
        if (min < 0 || max < min || multiple < 1 || leadTimeDays is < 0 or > 365)
        {
            throw ValidationFailedException.For("min", T.Get("Inventory.ReorderRule"));
        }

        (Min, Max, Multiple, LeadTimeDays) = (min, max, multiple, leadTimeDays);
        return this;
    }
}

/// <summary>The warehouse space one unit of a product takes, in the unit capacities are counted in (e.g. pallet places).</summary>
public sealed class ProductSpace
{
    private ProductSpace() { }

    public string Sku { get; private set; } = "";
    public decimal PerUnit { get; private set; }

    public static ProductSpace Of(string sku, decimal perUnit) =>
        perUnit is < 0 or > 1000 ? throw ValidationFailedException.For("spacePerUnit", T.Get("Inventory.Space")) : new ProductSpace { Sku = sku, PerUnit = perUnit };
}
