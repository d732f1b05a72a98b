using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Fulfillment.AdvanceShipment;
using Uhrwerk.Server.Modules.Fulfillment.Domain;
using Uhrwerk.Server.Modules.Fulfillment.ViewShipments;
using Uhrwerk.Server.Modules.Ordering.Events;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Fulfillment.Erp;

/// <param name="Position">The order line's position; needed only when the order has the SKU on more than one line.</param>
public sealed record ErpShipmentLine([property: Required, StringLength(40)] string? Sku, [property: Range(1, 1_000_000)] int Quantity, [property: Range(1, 10_000)] int? Position);

/// <param name="Status">Where the shipment stands: Planned, Picking, Packed, Shipped, Delivered or Cancelled; a later status takes the steps between.</param>
/// <param name="Lines">What the shipment carries; fixed once the shipment exists.</param>
/// <param name="Packages">The packages with their tracking numbers as they are now, replacing earlier ones.</param>
public sealed record ErpShipmentRequest(
    [property: Required, StringLength(20)] string? OrderNumber,
    [property: Required, StringLength(10)] string? WarehouseCode,
    [property: Required] ShipmentStatus? Status,
    DateOnly? PlannedShipDate,
    DateOnly? PromisedDeliveryDate,
    [property: StringLength(60)] string? Carrier,
    [property: StringLength(60)] string? Service,
    [property: Required, MinLength(1), MaxLength(500)] IReadOnlyList<ErpShipmentLine>? Lines,
    [property: MaxLength(100)] IReadOnlyList<PackageInput>? Packages,
    DateTimeOffset? ShippedAt,
    DateTimeOffset? DeliveredAt);

/// <summary>
/// The ERP or a warehouse system runs the shipping and reports each shipment as it stands. Creating, packing, shipping and
/// delivering go through the same domain actions as in the back office, so the order, the stock and the events come out
/// the same. The same report again changes nothing.
/// </summary>
internal sealed class ErpShipments(ShipmentDesk desk)
{
    public async Task<(ShipmentResponse Shipment, bool Created)?> ReportAsync(string reference, ErpShipmentRequest request, ClaimsPrincipal key, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        var name = PlainText.Name("shipmentReference", reference.Trim())!;
        var orderId = await desk.Db.Shipments.Where(s => s.Reference == name).Select(s => (Guid?)s.OrderId).SingleOrDefaultAsync(ct);
        var fulfilment = orderId is { } id ? await desk.LoadAsync(id, ct) : await desk.LoadAsync(request.OrderNumber!, ct);
        if (fulfilment is null)
        {
            return null;
        }

        if (fulfilment.Order.Number != request.OrderNumber!.Trim())
        {
            throw new DomainException("shipment_of_other_order", T.Format("Fulfillment.OtherOrder", name, fulfilment.Order.Number));
        }

        var lines = request.Lines!.Select((l, i) => new ShipmentLineRequest(LineOf(fulfilment, l, i), l.Quantity)).ToList();
        var (erpId, erpName) = ApiScopes.CallerOf(key);
        var step = new ShipmentStep(request.Packages?.Select(p => p.Spec).ToList(), request.Carrier, request.Service,
            ShipmentProgress.NotInFuture(request.ShippedAt, desk.Now), ShipmentProgress.NotInFuture(request.DeliveredAt, desk.Now));
        var shipment = fulfilment.Shipments.SingleOrDefault(s => s.Reference == name);
        var created = shipment is null;
        await desk.SaveAsync(async () =>
        {
            if (shipment is null)
            {
                var promised = request.PromisedDeliveryDate ?? fulfilment.Uncovered().Where(u => lines.Any(l => l.OrderLineId == u.Line.LineId) && u.DeliveryDate != DateOnly.MaxValue)
                    .Select(u => (DateOnly?)u.DeliveryDate).Min() ?? BerlinTime.DateOf(desk.Now);
                shipment = await desk.PlanAsync(fulfilment, name, request.WarehouseCode!, request.PlannedShipDate ?? BerlinTime.DateOf(desk.Now), promised,
                    request.Carrier, request.Service, lines, ct);
            }
            else if (!shipment.Lines.OrderBy(l => l.OrderLineId).Select(l => (l.OrderLineId, l.Quantity))
                         .SequenceEqual(lines.GroupBy(l => l.OrderLineId).OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(l => l.Quantity)))))
            {
                throw new DomainException("shipment_lines_fixed", T.Format("Fulfillment.LinesFixed", name));
            }

            if (step.Packages is { } packages && shipment.Status is not (ShipmentStatus.Delivered or ShipmentStatus.Cancelled))
            {
                shipment.Repack(packages);
            }

            if (shipment.Status != request.Status)
            {
                await desk.AdvanceAsync(fulfilment, shipment, request.Status!.Value, step, new OrderActor(erpId, erpName), ct);
            }
        }, ct);
        return (ShipmentResponse.Of(shipment!), created);
    }

    private static Guid LineOf(OrderFulfilment fulfilment, ErpShipmentLine line, int index)
    {
        var sku = line.Sku!.Trim().ToUpperInvariant();
        var candidates = fulfilment.Order.Lines.Where(l => l.Sku == sku && (line.Position is null || l.Position == line.Position)).ToList();
        return candidates.Count == 1 ? candidates[0].LineId
            : throw ValidationFailedException.For($"lines[{index}].sku", T.Format("Ordering.ErpUnknownSku", sku, fulfilment.Order.Number));
    }
}

internal static class ErpShipmentEndpoint
{
    public static void Map(RouteGroupBuilder erp) =>
        erp.MapPut("/{shipmentReference}", Report)
            .WithSummary("The ERP or a warehouse system creates or updates a shipment (partial delivery) of an order under its own reference: lines, packages with tracking numbers and status. The same report again changes nothing (API key with scope erp.shipments)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<Results<Created<ShipmentResponse>, Ok<ShipmentResponse>, ProblemHttpResult>> Report(string shipmentReference, ErpShipmentRequest request, ErpShipments shipments,
        ClaimsPrincipal key, CancellationToken ct) =>
        await shipments.ReportAsync(shipmentReference, request, key, ct) switch
        {
            null => Problem.NotFound("NotFound.Order"),
            { Created: true } created => TypedResults.Created($"/api/v1/erp/shipments/{Uri.EscapeDataString(created.Shipment.Reference)}", created.Shipment),
            { } updated => TypedResults.Ok(updated.Shipment),
        };
}
