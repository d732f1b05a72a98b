using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Fulfillment.Domain;

/// <summary>What a shipment carries of one order line.</summary>
public sealed record ShipmentLineRequest(Guid OrderLineId, int Quantity);

/// <summary>A parcel or pallet of a shipment: weight in kg, outer dimensions in cm, the carrier's tracking number.</summary>
public sealed record PackageSpec(decimal WeightKg, int LengthCm, int WidthCm, int HeightCm, string? TrackingNumber);

/// <summary>
/// A partial delivery of one order from one warehouse. Its status only moves along
/// <see cref="ShipmentStatusTransitions"/>, each step through a business action that records when it
/// happened (on-time-in-full reads the delivery date of each line from here).
/// </summary>
public sealed class Shipment : ICompanyOwned
{
    private readonly List<ShipmentLine> _lines = [];
    private readonly List<ShipmentPackage> _packages = [];

    private Shipment() { }

    public Guid Id { get; private set; }
    public Guid? CompanyId { get; private set; }
    public Guid OrderId { get; private set; }
    public string OrderNumber { get; private set; } = "";

    /// <summary>The shipment's name outside Uhrwerk: the ERP's or warehouse system's reference, or the order number with a running number.</summary>
    public string Reference { get; private set; } = "";

    public string WarehouseCode { get; private set; } = "";
    public DateOnly PlannedShipDate { get; private set; }
    public DateOnly PromisedDeliveryDate { get; private set; }
    public string? Carrier { get; private set; }
    public string? Service { get; private set; }
    public ShipmentStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? PickingAt { get; private set; }
    public DateTimeOffset? PackedAt { get; private set; }
    public DateTimeOffset? ShippedAt { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }

    /// <summary>The business day (Europe/Berlin) the goods arrived: what on time is measured by.</summary>
    public DateOnly? DeliveredOn { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    /// <summary>Raised on every change so that two steps at the same time cannot both hold.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<ShipmentLine> Lines => _lines;
    public IReadOnlyList<ShipmentPackage> Packages => _packages;

    /// <summary>Open shipments count against the order's lines; a cancelled one gives its quantities back.</summary>
    public bool IsOpen => Status is not (ShipmentStatus.Cancelled);

    /// <summary>Its goods have left the shelf: picking started or later.</summary>
    public bool IsPicked => Status is ShipmentStatus.Picking or ShipmentStatus.Packed or ShipmentStatus.Shipped or ShipmentStatus.Delivered;

    public bool HasShipped => Status is ShipmentStatus.Shipped or ShipmentStatus.Delivered;

    internal static Shipment Plan(OrderToShip order, string reference, string warehouseCode, DateOnly plannedShipDate, DateOnly promisedDeliveryDate,
        string? carrier, string? service, IReadOnlyList<ShipmentLine> lines, DateTimeOffset now)
    {
        if (lines.Count == 0)
        {
            throw ValidationFailedException.For("lines", T.Get("Fulfillment.LinesRequired"));
        }

        var shipment = new Shipment
        {
            Id = Guid.CreateVersion7(now),
            CompanyId = order.CompanyId,
            OrderId = order.OrderId,
            OrderNumber = order.Number,
            Reference = Name("reference", reference, 60) ?? throw ValidationFailedException.For("reference", T.Get("Fulfillment.ReferenceRequired")),
            WarehouseCode = warehouseCode,
            PlannedShipDate = plannedShipDate,
            PromisedDeliveryDate = promisedDeliveryDate,
            Carrier = Name("carrier", carrier, 60),
            Service = Name("service", service, 60),
            Status = ShipmentStatus.Planned,
            CreatedAt = now,
        };
        foreach (var line in lines)
        {
            line.BelongTo(shipment.Id);
        }

        shipment._lines.AddRange(lines);
        return shipment;
    }

    /// <summary>The warehouse starts picking: the goods leave the shelf now, so from here on the shipment can no longer be cancelled.</summary>
    public void StartPicking(DateTimeOffset now)
    {
        Move(ShipmentStatus.Picking);
        PickingAt = now;
    }

    /// <summary>Packed into these packages (their tracking numbers may come only with shipping).</summary>
    public void Pack(IReadOnlyList<PackageSpec> packages, DateTimeOffset now)
    {
        Move(ShipmentStatus.Packed);
        PackedAt = now;
        if (packages.Count > 0)
        {
            Repack(packages);
        }
    }

    /// <summary>Handed to the carrier; carrier and service named now replace the planned ones.</summary>
    public void Ship(string? carrier, string? service, DateTimeOffset shippedAt)
    {
        Move(ShipmentStatus.Shipped);
        ShippedAt = shippedAt;
        Carrier = Name("carrier", carrier, 60) ?? Carrier;
        Service = Name("service", service, 60) ?? Service;
    }

    /// <summary>The customer received the goods, on the Berlin business day of <paramref name="deliveredAt"/>.</summary>
    public void Deliver(DateTimeOffset deliveredAt)
    {
        if (ShippedAt is { } shipped && deliveredAt < shipped)
        {
            throw ValidationFailedException.For("deliveredAt", T.Get("Fulfillment.DeliveredBeforeShipped"));
        }

        Move(ShipmentStatus.Delivered);
        DeliveredAt = deliveredAt;
        DeliveredOn = BerlinTime.DateOf(deliveredAt);
    }

    public void Cancel(DateTimeOffset now)
    {
        Move(ShipmentStatus.Cancelled);
        CancelledAt = now;
    }

    /// <summary>The packages as the warehouse or the ERP reports them now, replacing earlier ones; not after delivery.</summary>
    public void Repack(IReadOnlyList<PackageSpec> packages)
    {
        if (Status is ShipmentStatus.Delivered or ShipmentStatus.Cancelled)
        {
            throw new DomainException("shipment_closed", T.Get("Fulfillment.ShipmentClosed"));
        }

        if (packages.Count > 100)
        {
            throw ValidationFailedException.For("packages", T.Get("Fulfillment.TooManyPackages"));
        }

        var next = packages.Select((p, i) => ShipmentPackage.Of(Id, i + 1, p)).ToList();
        if (next.Select(p => (p.WeightKg, p.LengthCm, p.WidthCm, p.HeightCm, p.TrackingNumber))
            .SequenceEqual(_packages.Select(p => (p.WeightKg, p.LengthCm, p.WidthCm, p.HeightCm, p.TrackingNumber))))
        {
            return;
        }

        _packages.Clear();
        _packages.AddRange(next);
        Version++;
    }

    public IReadOnlyList<string> TrackingNumbers => _packages.Select(p => p.TrackingNumber).OfType<string>().Distinct().ToList();

    private void Move(ShipmentStatus to)
    {
        ShipmentStatusTransitions.EnsureCanMove(Status, to);
        Status = to;
        Version++;
    }

    private static string? Name(string field, string? text, int max)
    {
        var clean = string.IsNullOrWhiteSpace(text) ? null : PlainText.Name(field, text.Trim());
        return clean is { Length: > 0 } && clean.Length > max ? throw ValidationFailedException.For(field, T.Format("Fulfillment.TooLong", max)) : clean;
    }
}

/// <summary>A part quantity of one order line in a shipment.</summary>
public sealed class ShipmentLine
{
    private ShipmentLine() { }

    public Guid Id { get; private set; }
    public Guid ShipmentId { get; private set; }
    public Guid OrderLineId { get; private set; }
    public int Position { get; private set; }
    public string Sku { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Unit { get; private set; } = "";
    public int Quantity { get; private set; }

    internal static ShipmentLine Of(OrderedLine line, int quantity) => new()
    {
        Id = Guid.NewGuid(), OrderLineId = line.LineId, Position = line.Position, Sku = line.Sku, Name = line.Name, Unit = line.Unit, Quantity = quantity,
    };

    internal void BelongTo(Guid shipmentId) => ShipmentId = shipmentId;
}

public sealed class ShipmentPackage
{
    private ShipmentPackage() { }

    public Guid Id { get; private set; }
    public Guid ShipmentId { get; private set; }
    public int Number { get; private set; }
    public decimal WeightKg { get; private set; }
    public int LengthCm { get; private set; }
    public int WidthCm { get; private set; }
    public int HeightCm { get; private set; }
    public string? TrackingNumber { get; private set; }

    internal static ShipmentPackage Of(Guid shipmentId, int number, PackageSpec spec)
    {
        if (spec.WeightKg is <= 0 or > 10_000 || decimal.Round(spec.WeightKg, 3) != spec.WeightKg)
        {
            throw ValidationFailedException.For($"packages[{number - 1}].weightKg", T.Get("Fulfillment.PackageWeight"));
        }

        if (new[] { spec.LengthCm, spec.WidthCm, spec.HeightCm }.Any(d => d is < 1 or > 2_000))
        {
            throw ValidationFailedException.For($"packages[{number - 1}].lengthCm", T.Get("Fulfillment.PackageDimensions"));
        }

        var tracking = string.IsNullOrWhiteSpace(spec.TrackingNumber) ? null : PlainText.Name($"packages[{number - 1}].trackingNumber", spec.TrackingNumber.Trim());
        if (tracking is { Length: > 100 })
        {
            throw ValidationFailedException.For($"packages[{number - 1}].trackingNumber", T.Get("Fulfillment.TrackingNumberInvalid"));
        }

        return new ShipmentPackage
        {
            Id = Guid.NewGuid(), ShipmentId = shipmentId, Number = number, WeightKg = spec.WeightKg, LengthCm = spec.LengthCm, WidthCm = spec.WidthCm, HeightCm = spec.HeightCm,
            TrackingNumber = string.IsNullOrEmpty(tracking) ? null : tracking,
        };
    }
}
