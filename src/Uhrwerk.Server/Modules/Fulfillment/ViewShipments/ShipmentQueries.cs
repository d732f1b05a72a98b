using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Modules.Fulfillment.Domain;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Fulfillment.ViewShipments;

public sealed record ShipmentLineResponse(int Position, string Sku, string Name, string Unit, int Quantity);

public sealed record PackageResponse(int Number, decimal WeightKg, int LengthCm, int WidthCm, int HeightCm, string? TrackingNumber);

public sealed record ShipmentResponse(Guid Id, string Reference, Guid OrderId, string OrderNumber, string WarehouseCode, ShipmentStatus Status, DateOnly PlannedShipDate, DateOnly PromisedDeliveryDate,
    string? Carrier, string? Service, DateTimeOffset CreatedAt, DateTimeOffset? PickingAt, DateTimeOffset? PackedAt, DateTimeOffset? ShippedAt, DateTimeOffset? DeliveredAt, DateOnly? DeliveredOn,
    DateTimeOffset? CancelledAt, IReadOnlyList<ShipmentLineResponse> Lines, IReadOnlyList<PackageResponse> Packages)
{
    public static ShipmentResponse Of(Shipment s) => new(s.Id, s.Reference, s.OrderId, s.OrderNumber, s.WarehouseCode, s.Status, s.PlannedShipDate, s.PromisedDeliveryDate,
        s.Carrier, s.Service, s.CreatedAt, s.PickingAt, s.PackedAt, s.ShippedAt, s.DeliveredAt, s.DeliveredOn, s.CancelledAt,
        s.Lines.OrderBy(l => l.Position).Select(l => new ShipmentLineResponse(l.Position, l.Sku, l.Name, l.Unit, l.Quantity)).ToList(),
        s.Packages.OrderBy(p => p.Number).Select(p => new PackageResponse(p.Number, p.WeightKg, p.LengthCm, p.WidthCm, p.HeightCm, p.TrackingNumber)).ToList());
}

/// <param name="InShipments">How many of the line open shipments carry (planned or further).</param>
public sealed record FulfilmentLineResponse(int Position, string Sku, string Name, string Unit, int Quantity, DateOnly? PromisedDate, int InShipments, int Shipped, int Delivered);

/// <param name="PromisedDate">A planned shipment's promised date for what it carries, the delivery plan's for what no shipment carries yet.</param>
public sealed record BackorderResponse(int Position, string Sku, string Name, int Quantity, DateOnly? PromisedDate);

/// <summary>An order's fulfilment: its lines with what is shipped and delivered, its shipments (partial deliveries) and what has not shipped yet.</summary>
public sealed record OrderFulfilmentResponse(Guid OrderId, string OrderNumber, bool CanShip, IReadOnlyList<FulfilmentLineResponse> Lines, IReadOnlyList<ShipmentResponse> Shipments,
    IReadOnlyList<BackorderResponse> Backorders)
{
    public static OrderFulfilmentResponse Of(OrderFulfilment f)
    {
        var shipped = f.ShippedSoFar();
        var delivered = f.DeliveredSoFar();
        return new(f.Order.OrderId, f.Order.Number, f.Order.CanShip,
            f.Order.Lines.Select(l => new FulfilmentLineResponse(l.Position, l.Sku, l.Name, l.Unit, l.Quantity, l.PromisedDate, f.Covered(l.LineId), shipped[l.LineId], delivered[l.LineId].Quantity)).ToList(),
            f.Shipments.Select(ShipmentResponse.Of).ToList(),
            f.Backorders().Select(b => new BackorderResponse(b.Position, b.Sku, b.Name, b.Quantity, b.PromisedDate)).ToList());
    }
}

internal static class ShipmentQueryEndpoints
{
    public static void Map(RouteGroupBuilder staff) =>
        staff.MapGet("/orders/{orderId:guid}", Fulfilment)
            .WithSummary("An order's fulfilment: lines with shipped and delivered quantities, its shipments (partial deliveries) and its backorders with their promised dates")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<OrderFulfilmentResponse>, ProblemHttpResult>> Fulfilment(Guid orderId, ShipmentDesk desk, CancellationToken ct) =>
        await desk.LoadAsync(orderId, ct) is { } fulfilment ? TypedResults.Ok(OrderFulfilmentResponse.Of(fulfilment)) : Problem.NotFound("NotFound.Order");
}
