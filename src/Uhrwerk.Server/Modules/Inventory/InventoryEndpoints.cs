using System.ComponentModel.DataAnnotations;
using Uhrwerk.Server.Modules.Inventory.Domain;
using Uhrwerk.Server.Modules.Inventory.Planning;
using Uhrwerk.Server.Modules.Inventory.Promise;
using Uhrwerk.Server.Modules.Inventory.StockKeeping;
using Uhrwerk.Server.Modules.Inventory.Warehouses;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Inventory;

public sealed record PromiseRequest([property: Required, StringLength(2)] string Country, [property: Required, StringLength(10)] string PostalCode, [property: Required, MinLength(1), MaxLength(500)] IReadOnlyList<PromiseLine> Lines);

/// <summary>The receipt expected from ordering a replenishment suggestion.</summary>
public sealed record OrderedSuggestion(Guid Id, string Sku, string WarehouseCode, int Quantity, DateOnly ExpectedOn);

internal static class InventoryEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/delivery-promise", (PromiseRequest request, DeliveryPromises promises, TimeProvider clock, CancellationToken ct) => Promise(request, promises, clock, ct))
            .WithTags("Inventory").RequirePermission(Permission.ViewCatalog)
            .WithSummary("When each line can be delivered to a destination: one complete delivery, and partial deliveries where part of it can come earlier, with the reasons");
        api.MapPost("/erp/delivery-promise", (PromiseRequest request, DeliveryPromises promises, TimeProvider clock, CancellationToken ct) => Promise(request, promises, clock, ct))
            .WithTags("ERP").RequireApiScope(ApiScopes.ErpInventory).WithSummary("The delivery promise for the ERP (API key with scope erp.inventory)");

        var inventory = api.MapGroup("/backoffice/inventory").WithTags("Inventory");
        var view = inventory.MapGroup("").RequirePermission(Permission.ViewInventory);
        var manage = inventory.MapGroup("").RequirePermission(Permission.ManageInventory);

        view.MapGet("/warehouses", (WarehouseSetup setup, CancellationToken ct) => setup.ListAsync(ct));
        manage.MapPut("/warehouses/{code}", async (string code, WarehouseRequest request, WarehouseSetup setup, CancellationToken ct) =>
        {
            var (warehouse, created) = await setup.SaveAsync(code, request, ct);
            return created ? Results.Created($"/api/v1/backoffice/inventory/warehouses/{warehouse.Code}", warehouse) : Results.Ok(warehouse);
        }).WithSummary("Create or change a warehouse: address, state (for its public holidays), time zone, cut-off, handling days, capacity, company holidays")
            .Produces<WarehouseResponse>(StatusCodes.Status201Created).Produces<WarehouseResponse>();
        view.MapGet("/transit-times", (WarehouseSetup setup, CancellationToken ct) => setup.TransitTimesAsync(ct));
        manage.MapPut("/warehouses/{code}/transit-times", async (string code, TransitTimeRequest request, WarehouseSetup setup, CancellationToken ct) =>
            await setup.SetTransitTimeAsync(code, request, ct) is { } transit ? Results.Ok(transit) : Problem.NotFound("NotFound.Warehouse"))
            .WithSummary("Working days a carrier needs from the warehouse to a country or postal-code zone")
            .Produces<TransitTimeResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        manage.MapPut("/reorder-points/{sku}/{code}", async (string sku, string code, ReorderPointRequest request, WarehouseSetup setup, CancellationToken ct) =>
            await setup.SetReorderPointAsync(sku, code, request, ct) ? Results.NoContent() : Problem.NotFound("NotFound.Warehouse"))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        manage.MapPut("/space/{sku}", async (string sku, ProductSpaceRequest request, WarehouseSetup setup, CancellationToken ct) =>
        {
            await setup.SetSpaceAsync(sku, request.SpacePerUnit, ct);
            return Results.NoContent();
        }).WithSummary("The warehouse space one unit of the product takes (in the unit capacities are counted in)")
            .Produces(StatusCodes.Status204NoContent);

        view.MapGet("/stock", (string? sku, string? warehouse, int? page, int? pageSize, StockQueries queries, CancellationToken ct) => queries.StockAsync(sku, warehouse, page, pageSize, ct))
            .WithSummary("Stock per product and warehouse: on hand, reserved, available, inbound and projected");
        view.MapGet("/movements", (string? sku, string? warehouse, int? page, int? pageSize, StockQueries queries, CancellationToken ct) => queries.MovementsAsync(sku, warehouse, page, pageSize, ct))
            .WithSummary("The append-only stock ledger, newest first");
        view.MapGet("/consistency", (StockQueries queries, CancellationToken ct) => queries.ConsistencyAsync(ct))
            .WithSummary("Proves that every stock level is the sum of its movements and reservations");
        view.MapGet("/receipts", (bool? open, int? page, int? pageSize, StockQueries queries, CancellationToken ct) => queries.ReceiptsAsync(open ?? true, page, pageSize, ct));
        view.MapGet("/reservations", (string orderNumber, StockQueries queries, CancellationToken ct) => queries.ReservationsOfAsync(orderNumber, ct))
            .WithSummary("What is reserved for an order: stock, inbound goods or backorder");

        manage.MapPost("/receipts", async (ExpectReceiptRequest request, StockKeeper keeper, CancellationToken ct) =>
        {
            var receipt = await keeper.ExpectAsync(request, ct);
            return Results.Created($"/api/v1/backoffice/inventory/receipts/{receipt.Id}", receipt);
        }).WithSummary("Expect goods from a supplier; the answer warns when they would overfill the warehouse")
            .Produces<ReceiptResponse>(StatusCodes.Status201Created);
        manage.MapPost("/receipts/{receiptId:guid}/receive", async (Guid receiptId, ReceiveRequest request, StockKeeper keeper, CancellationToken ct) =>
            await keeper.ReceiveAsync(receiptId, request.Quantity, ct) is { } receipt ? Results.Ok(receipt) : Problem.NotFound("NotFound.Receipt"))
            .WithSummary("Book goods that arrived (partial receipts allowed)")
            .Produces<ReceiptResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        manage.MapPost("/adjustments", async (AdjustRequest request, StockKeeper keeper, CancellationToken ct) =>
        {
            await keeper.AdjustAsync(request, ct);
            return Results.NoContent();
        }).Produces(StatusCodes.Status204NoContent);
        manage.MapPost("/transfers", async (TransferRequest request, StockKeeper keeper, CancellationToken ct) =>
        {
            var receipt = await keeper.TransferAsync(request, ct);
            return Results.Created($"/api/v1/backoffice/inventory/receipts/{receipt.Id}", receipt);
        }).WithSummary("Send goods to another warehouse, where they are expected on the given day")
            .Produces<ReceiptResponse>(StatusCodes.Status201Created);
        manage.MapPost("/scrap", async (ScrapRequest request, StockKeeper keeper, CancellationToken ct) =>
        {
            await keeper.ScrapAsync(request, ct);
            return Results.NoContent();
        }).Produces(StatusCodes.Status204NoContent);
        manage.MapPost("/returns", async (ReturnToStockRequest request, StockKeeper keeper, CancellationToken ct) =>
        {
            await keeper.ReturnToStockAsync(request, ct);
            return Results.NoContent();
        }).Produces(StatusCodes.Status204NoContent);
        manage.MapPost("/reservations/{reservationId:guid}/pick", async (Guid reservationId, StockKeeper keeper, CancellationToken ct) =>
            await keeper.PickAsync(reservationId, ct) ? Results.NoContent() : Problem.NotFound("NotFound.Reservation"))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);

        view.MapGet("/replenishment", (InventoryPlanning planning, CancellationToken ct) => planning.ReplenishmentAsync(ct))
            .WithSummary("Products whose projected stock is below the minimum, with the quantity to order");
        manage.MapPost("/replenishment/{sku}/{code}/order", async (string sku, string code, OrderSuggestionRequest request, InventoryPlanning planning, CancellationToken ct) =>
            await planning.OrderSuggestionAsync(sku.Trim().ToUpperInvariant(), code.Trim().ToUpperInvariant(), request.Reference, ct) is { } receipt
                ? Results.Created($"/api/v1/backoffice/inventory/receipts/{receipt.Id}", new OrderedSuggestion(receipt.Id, receipt.Sku, receipt.WarehouseCode, receipt.Quantity, receipt.ExpectedOn))
                : Problem.NotFound("NotFound.Suggestion"))
            .WithSummary("Turn a replenishment suggestion into an expected receipt")
            .Produces<OrderedSuggestion>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound);
        view.MapGet("/overstock", (int? days, InventoryPlanning planning, CancellationToken ct) => planning.OverstockAsync(days ?? 180, ct))
            .WithSummary("Products whose stock covers more than the given days of the last 90 days' demand");
        view.MapGet("/capacity", (InventoryPlanning planning, CancellationToken ct) => planning.CapacityAsync(ct))
            .WithSummary("Utilisation per warehouse now and with expected receipts");
        view.MapGet("/peak", (DateOnly from, DateOnly to, decimal? growth, InventoryPlanning planning, CancellationToken ct) => planning.PeakAsync(from, to, growth ?? 1m, ct))
            .WithSummary("Transfers so that each warehouse covers its region's demand in the period, forecast from the same period last year");
    }

    private static async Task<IReadOnlyList<LinePromise>> Promise(PromiseRequest request, DeliveryPromises promises, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(BerlinTime.ToLocal(clock.GetUtcNow()).DateTime);
        var lines = request.Lines.Select((l, i) => l with
        {
            Sku = l.Sku?.Trim().ToUpperInvariant() ?? throw ValidationFailedException.For($"lines[{i}].sku", T.Get("Inventory.SkuRequired")),
            RequestedDate = RequestedDeliveryDate.Accept(l.RequestedDate, today, $"lines[{i}].requestedDate"),
        }).ToList();
        return await promises.PromiseAsync(lines, new Destination(request.Country, request.PostalCode), ct);
    }
}

public sealed record OrderSuggestionRequest([property: Required, StringLength(100)] string Reference);
