using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Inventory.Warehouses;

internal static class WarehouseEndpoints
{
    public static void Map(RouteGroupBuilder view, RouteGroupBuilder manage)
    {
        view.MapGet("/warehouses", List);
        manage.MapPut("/warehouses/{code}", Save)
            .WithSummary("Create or change a warehouse: address, state (for its public holidays), time zone, cut-off, handling days, capacity, company holidays");
        view.MapGet("/transit-times", TransitTimes);
        manage.MapPut("/warehouses/{code}/transit-times", SetTransitTime)
            .WithSummary("Working days a carrier needs from the warehouse to a country or postal-code zone")
            .ProducesProblem(StatusCodes.Status404NotFound);
        manage.MapPut("/reorder-points/{sku}/{code}", SetReorderPoint)
            .ProducesProblem(StatusCodes.Status404NotFound);
        manage.MapPut("/space/{sku}", SetSpace)
            .WithSummary("The warehouse space one unit of the product takes (in the unit capacities are counted in)");
    }

    private static async Task<Ok<IReadOnlyList<WarehouseResponse>>> List(WarehouseSetup setup, CancellationToken ct) =>
        TypedResults.Ok(await setup.ListAsync(ct));

    private static async Task<Results<Created<WarehouseResponse>, Ok<WarehouseResponse>>> Save(string code, WarehouseRequest request, WarehouseSetup setup, CancellationToken ct)
    {
        var (warehouse, created) = await setup.SaveAsync(code, request, ct);
        return created ? TypedResults.Created($"/api/v1/backoffice/inventory/warehouses/{warehouse.Code}", warehouse) : TypedResults.Ok(warehouse);
    }

    private static async Task<Ok<IReadOnlyList<TransitTimeResponse>>> TransitTimes(WarehouseSetup setup, CancellationToken ct) =>
        TypedResults.Ok(await setup.TransitTimesAsync(ct));

    private static async Task<Results<Ok<TransitTimeResponse>, ProblemHttpResult>> SetTransitTime(string code, TransitTimeRequest request, WarehouseSetup setup, CancellationToken ct) =>
        await setup.SetTransitTimeAsync(code, request, ct) is { } transit ? TypedResults.Ok(transit) : Problem.NotFound("NotFound.Warehouse");

    private static async Task<Results<NoContent, ProblemHttpResult>> SetReorderPoint(string sku, string code, ReorderPointRequest request, WarehouseSetup setup, CancellationToken ct) =>
        await setup.SetReorderPointAsync(sku, code, request, ct) ? TypedResults.NoContent() : Problem.NotFound("NotFound.Warehouse");

    private static async Task<NoContent> SetSpace(string sku, ProductSpaceRequest request, WarehouseSetup setup, CancellationToken ct)
    {
        await setup.SetSpaceAsync(sku, request.SpacePerUnit, ct);
        return TypedResults.NoContent();
    }
}
