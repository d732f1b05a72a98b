namespace Uhrwerk.Server.Modules.Inventory;

/// <summary>Everything on one date, or what is there earlier in parts.</summary>
public enum PlanKind
{
    Complete,
    Partial,
}

/// <summary>Part of a line: from a warehouse's stock, or an inbound receipt (ReceiptId); warehouse "" and no receipt for a backorder without known supply.</summary>
public sealed record DeliveryPart(string WarehouseCode, Guid? ReceiptId, int Quantity, DateOnly ShipDate, DateOnly DeliveryDate, string Carrier);

public sealed record DeliveryPlan(PlanKind Kind, IReadOnlyList<DeliveryPart> Parts)
{
    public DateOnly DeliveryDate => Parts.Max(p => p.DeliveryDate);

    public DateOnly FirstDeliveryDate => Parts.Min(p => p.DeliveryDate);
}

/// <summary>Why the promise is what it is, as a code with values (dates as yyyy-MM-dd); <see cref="PromiseTexts"/> puts it in words.</summary>
public sealed record PromiseReason(string Code, IReadOnlyDictionary<string, string> Values);

/// <summary>The delivery promise for one line: one complete delivery, and a partial plan where part of it can come earlier.</summary>
public sealed record LinePromise(
    string Sku, int Quantity, DateOnly? RequestedDate, DeliveryPlan Complete, DeliveryPlan? Partial, IReadOnlyList<PromiseReason> Reasons)
{
    public DeliveryPlan Plan(PlanKind kind) => kind == PlanKind.Partial && Partial is not null ? Partial : Complete;
}
