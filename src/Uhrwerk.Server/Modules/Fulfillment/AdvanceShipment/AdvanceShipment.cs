using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Fulfillment.Domain;
using Uhrwerk.Server.Modules.Fulfillment.ViewShipments;
using Uhrwerk.Server.Modules.Ordering.Events;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Fulfillment.AdvanceShipment;

public sealed record PackageInput(
    [property: Range(0.001, 10_000)] decimal WeightKg,
    [property: Range(1, 2_000)] int LengthCm,
    [property: Range(1, 2_000)] int WidthCm,
    [property: Range(1, 2_000)] int HeightCm,
    [property: StringLength(100)] string? TrackingNumber)
{
    public PackageSpec Spec => new(WeightKg, LengthCm, WidthCm, HeightCm, TrackingNumber);
}

/// <param name="To">Picking, Packed, Shipped, Delivered or Cancelled; the steps between are taken too.</param>
/// <param name="Packages">The packages as packed (with packing or shipping), replacing earlier ones.</param>
/// <param name="At">When it happened, e.g. the day a delivery arrived; none: now. Never in the future.</param>
public sealed record AdvanceShipmentRequest(
    [property: Required] ShipmentStatus? To,
    [property: MaxLength(100)] IReadOnlyList<PackageInput>? Packages,
    [property: StringLength(60)] string? Carrier,
    [property: StringLength(60)] string? Service,
    DateTimeOffset? At);

/// <summary>Staff move a shipment on: pick, pack, ship, record the delivery, or cancel a planned one.</summary>
internal sealed class ShipmentProgress(ShipmentDesk desk, CurrentUser me)
{
    public async Task<OrderFulfilmentResponse?> AdvanceAsync(Guid shipmentId, AdvanceShipmentRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        var orderId = await desk.Db.Shipments.Where(s => s.Id == shipmentId).Select(s => (Guid?)s.OrderId).SingleOrDefaultAsync(ct);
        if (orderId is null || await desk.LoadAsync(orderId.Value, ct) is not { } fulfilment)
        {
            return null;
        }

        var shipment = fulfilment.Shipments.Single(s => s.Id == shipmentId);
        var at = NotInFuture(request.At, desk.Now);
        var step = new ShipmentStep(request.Packages?.Select(p => p.Spec).ToList(), request.Carrier, request.Service,
            request.To == ShipmentStatus.Shipped ? at : null, request.To == ShipmentStatus.Delivered ? at : null);
        await desk.SaveAsync(() => desk.AdvanceAsync(fulfilment, shipment, request.To!.Value, step, new OrderActor(me.RequiredUserId, me.DisplayName), ct), ct);
        return OrderFulfilmentResponse.Of(fulfilment);
    }

    /// <summary>A reported time may lie in the past (a delivery recorded afterwards), never in the future.</summary>
    public static DateTimeOffset? NotInFuture(DateTimeOffset? at, DateTimeOffset now) =>
        at > now ? throw ValidationFailedException.For("at", T.Get("Fulfillment.InTheFuture")) : at;
}

internal static class AdvanceShipmentEndpoint
{
    public static void Map(RouteGroupBuilder staff) =>
        staff.MapPost("/shipments/{shipmentId:guid}/advance", Advance)
            .WithSummary("Move a shipment on: Picking books its goods out of stock, Shipped sets the order's shipped quantities, Delivered its delivered ones; only a planned shipment can be Cancelled")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<OrderFulfilmentResponse>, ProblemHttpResult>> Advance(Guid shipmentId, AdvanceShipmentRequest request, ShipmentProgress progress, CancellationToken ct) =>
        await progress.AdvanceAsync(shipmentId, request, ct) is { } result ? TypedResults.Ok(result) : Problem.NotFound("NotFound.Shipment");
}
