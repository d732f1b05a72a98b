using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Modules.Inventory.Domain.Planning;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Inventory.Planning;

public sealed record OrderSuggestionRequest([property: Required, StringLength(100)] string Reference);

/// <summary>The receipt expected from ordering a replenishment suggestion.</summary>
public sealed record OrderedSuggestion(Guid Id, string Sku, string WarehouseCode, int Quantity, DateOnly ExpectedOn);

internal static class PlanningEndpoints
{
    public static void Map(RouteGroupBuilder view, RouteGroupBuilder manage)
    {
        view.MapGet("/replenishment", Replenishment)
            .WithSummary("Products whose projected stock is below the minimum, with the quantity to order");
        manage.MapPost("/replenishment/{sku}/{code}/order", OrderSuggestion)
            .WithSummary("Turn a replenishment suggestion into an expected receipt")
            .ProducesProblem(StatusCodes.Status404NotFound);
        view.MapGet("/overstock", Overstock)
            .WithSummary("Products whose stock covers more than the given days of the last 90 days' demand");
        view.MapGet("/capacity", Capacity)
            .WithSummary("Utilisation per warehouse now and with expected receipts");
        view.MapGet("/peak", Peak)
            .WithSummary("Transfers so that each warehouse covers its region's demand in the period, forecast from the same period last year");
    }

    private static async Task<Ok<IReadOnlyList<ReplenishmentSuggestion>>> Replenishment(InventoryPlanning planning, CancellationToken ct) =>
        TypedResults.Ok(await planning.ReplenishmentAsync(ct));

    private static async Task<Results<Created<OrderedSuggestion>, ProblemHttpResult>> OrderSuggestion(string sku, string code, OrderSuggestionRequest request, InventoryPlanning planning, CancellationToken ct) =>
        await planning.OrderSuggestionAsync(sku.Trim().ToUpperInvariant(), code.Trim().ToUpperInvariant(), request.Reference, ct) is { } receipt
            ? TypedResults.Created($"/api/v1/backoffice/inventory/receipts/{receipt.Id}", new OrderedSuggestion(receipt.Id, receipt.Sku, receipt.WarehouseCode, receipt.Quantity, receipt.ExpectedOn))
            : Problem.NotFound("NotFound.Suggestion");

    private static async Task<Ok<IReadOnlyList<OverstockItem>>> Overstock(int? days, InventoryPlanning planning, CancellationToken ct) =>
        TypedResults.Ok(await planning.OverstockAsync(days ?? 180, ct));

    private static async Task<Ok<IReadOnlyList<CapacityUse>>> Capacity(InventoryPlanning planning, CancellationToken ct) =>
        TypedResults.Ok(await planning.CapacityAsync(ct));

    private static async Task<Ok<PeakReport>> Peak(DateOnly from, DateOnly to, decimal? growth, InventoryPlanning planning, CancellationToken ct) =>
        TypedResults.Ok(await planning.PeakAsync(from, to, growth ?? 1m, ct));
}
