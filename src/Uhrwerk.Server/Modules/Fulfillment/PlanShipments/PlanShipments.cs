using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Modules.Fulfillment.Domain;
using Uhrwerk.Server.Modules.Fulfillment.ViewShipments;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Idempotency;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Fulfillment.PlanShipments;

/// <param name="Position">The order line's position (1, 2, …).</param>
public sealed record ShipmentLineInput([property: Range(1, 10_000)] int Position, [property: Range(1, 1_000_000)] int Quantity);

/// <param name="PromisedDeliveryDate">When the customer is promised this shipment; none: the date the delivery plan promised for these lines.</param>
public sealed record PlanShipmentRequest(
    [property: Required, StringLength(10)] string? WarehouseCode,
    [property: Required] DateOnly? PlannedShipDate,
    DateOnly? PromisedDeliveryDate,
    [property: StringLength(60)] string? Carrier,
    [property: StringLength(60)] string? Service,
    [property: Required, MinLength(1), MaxLength(500)] IReadOnlyList<ShipmentLineInput>? Lines);

/// <summary>Staff plan shipments of an order: by hand with part quantities, or along the delivery plan the promise chose.</summary>
internal sealed class ShipmentPlanning(ShipmentDesk desk)
{
    public async Task<OrderFulfilmentResponse?> PlanAsync(Guid orderId, PlanShipmentRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        if (await desk.LoadAsync(orderId, ct) is not { } fulfilment)
        {
            return null;
        }

        var lines = request.Lines!.Select((l, i) => new ShipmentLineRequest(LineAt(fulfilment, l.Position, i), l.Quantity)).ToList();
        var promised = request.PromisedDeliveryDate ?? fulfilment.Uncovered().Where(u => lines.Any(l => l.OrderLineId == u.Line.LineId)).Select(u => (DateOnly?)u.DeliveryDate)
            .Where(d => d != DateOnly.MaxValue).Min() ?? request.PlannedShipDate!.Value;
        await desk.SaveAsync(() => desk.PlanAsync(fulfilment, null, request.WarehouseCode!, request.PlannedShipDate!.Value, promised, request.Carrier, request.Service, lines, ct), ct);
        return OrderFulfilmentResponse.Of(fulfilment);
    }

    /// <summary>
    /// One shipment per warehouse and delivery date of the plan that no shipment covers yet. Parts without a warehouse
    /// (backorders waiting for supply) stay backorders. Each ships the day before its delivery date, not before today (a late one today).
    /// </summary>
    public async Task<OrderFulfilmentResponse?> PlanFromDeliveryPlanAsync(Guid orderId, CancellationToken ct)
    {
        if (await desk.LoadAsync(orderId, ct) is not { } fulfilment)
        {
            return null;
        }

        var today = BerlinTime.DateOf(desk.Now);
        var parts = fulfilment.Uncovered().Where(u => u.WarehouseCode.Length > 0).GroupBy(u => (u.WarehouseCode, u.DeliveryDate)).ToList();
        if (parts.Count == 0)
        {
            throw new DomainException("nothing_to_plan", T.Get("Fulfillment.NothingToPlan"));
        }

        await desk.SaveAsync(async () =>
        {
            foreach (var part in parts)
            {
                var shipOn = part.Key.DeliveryDate.AddDays(-1) < today ? today : part.Key.DeliveryDate.AddDays(-1);
                await desk.PlanAsync(fulfilment, null, part.Key.WarehouseCode, shipOn, part.Key.DeliveryDate, null, null,
                    part.Select(p => new ShipmentLineRequest(p.Line.LineId, p.Quantity)).ToList(), ct);
            }
        }, ct);
        return OrderFulfilmentResponse.Of(fulfilment);
    }

    private static Guid LineAt(OrderFulfilment fulfilment, int position, int index) =>
        fulfilment.Order.Lines.SingleOrDefault(l => l.Position == position)?.LineId
        ?? throw ValidationFailedException.For($"lines[{index}].position", T.Format("Fulfillment.UnknownLine", fulfilment.Order.Number));
}

internal static class PlanShipmentEndpoints
{
    public static void Map(RouteGroupBuilder staff)
    {
        staff.MapPost("/orders/{orderId:guid}/shipments", Plan).WithIdempotency()
            .WithSummary("Plan a shipment (partial delivery) of an order by hand: warehouse, dates and part quantities per line; more than a line has left is refused (422)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        staff.MapPost("/orders/{orderId:guid}/shipments/from-plan", PlanFromDeliveryPlan).WithIdempotency()
            .WithSummary("Plan the shipments the order's delivery plan names: one per warehouse and date that no shipment covers yet")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<OrderFulfilmentResponse>, ProblemHttpResult>> Plan(Guid orderId, PlanShipmentRequest request, ShipmentPlanning planning, CancellationToken ct) =>
        await planning.PlanAsync(orderId, request, ct) is { } result
            ? TypedResults.Created($"/api/v1/backoffice/fulfillment/orders/{orderId}", result)
            : Problem.NotFound("NotFound.Order");

    private static async Task<Results<Created<OrderFulfilmentResponse>, ProblemHttpResult>> PlanFromDeliveryPlan(Guid orderId, ShipmentPlanning planning, CancellationToken ct) =>
        await planning.PlanFromDeliveryPlanAsync(orderId, ct) is { } result
            ? TypedResults.Created($"/api/v1/backoffice/fulfillment/orders/{orderId}", result)
            : Problem.NotFound("NotFound.Order");
}
