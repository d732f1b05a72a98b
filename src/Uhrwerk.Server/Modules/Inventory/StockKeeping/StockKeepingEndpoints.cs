using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Inventory.StockKeeping;

internal static class StockKeepingEndpoints
{
    public static void Map(RouteGroupBuilder view, RouteGroupBuilder manage)
    {
        view.MapGet("/stock", Stock)
            .WithSummary("Stock per product and warehouse: on hand, reserved, available, inbound and projected");
        view.MapGet("/movements", Movements)
            .WithSummary("The append-only stock ledger, newest first");
        view.MapGet("/consistency", Consistency)
            .WithSummary("Proves that every stock level is the sum of its movements and reservations");
        view.MapGet("/receipts", Receipts);

        manage.MapPost("/receipts", ExpectReceipt)
            .WithSummary("Expect goods from a supplier; the answer warns when they would overfill the warehouse");
        manage.MapPost("/receipts/{receiptId:guid}/receive", ReceiveGoods)
            .WithSummary("Book goods that arrived (partial receipts allowed)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        manage.MapPost("/adjustments", Adjust);
        manage.MapPost("/transfers", Transfer)
            .WithSummary("Send goods to another warehouse, where they are expected on the given day");
        manage.MapPost("/scrap", Scrap);
        manage.MapPost("/returns", ReturnToStock);
    }

    private static async Task<Ok<PagedList<StockResponse>>> Stock(string? sku, string? warehouse, int? page, int? pageSize, StockQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.StockAsync(sku, warehouse, page, pageSize, ct));

    private static async Task<Ok<PagedList<MovementResponse>>> Movements(string? sku, string? warehouse, int? page, int? pageSize, StockQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.MovementsAsync(sku, warehouse, page, pageSize, ct));

    private static async Task<Ok<ConsistencyReport>> Consistency(StockQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ConsistencyAsync(ct));

    private static async Task<Ok<PagedList<ReceiptResponse>>> Receipts(bool? open, int? page, int? pageSize, StockQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ReceiptsAsync(open ?? true, page, pageSize, ct));

    private static async Task<Created<ReceiptResponse>> ExpectReceipt(ExpectReceiptRequest request, StockKeeper keeper, CancellationToken ct)
    {
        var receipt = await keeper.ExpectAsync(request, ct);
        return TypedResults.Created($"/api/v1/backoffice/inventory/receipts/{receipt.Id}", receipt);
    }

    private static async Task<Results<Ok<ReceiptResponse>, ProblemHttpResult>> ReceiveGoods(Guid receiptId, ReceiveRequest request, StockKeeper keeper, CancellationToken ct) =>
        await keeper.ReceiveAsync(receiptId, request.Quantity, ct) is { } receipt ? TypedResults.Ok(receipt) : Problem.NotFound("NotFound.Receipt");

    private static async Task<NoContent> Adjust(AdjustRequest request, StockKeeper keeper, CancellationToken ct)
    {
        await keeper.AdjustAsync(request, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Created<ReceiptResponse>> Transfer(TransferRequest request, StockKeeper keeper, CancellationToken ct)
    {
        var receipt = await keeper.TransferAsync(request, ct);
        return TypedResults.Created($"/api/v1/backoffice/inventory/receipts/{receipt.Id}", receipt);
    }

    private static async Task<NoContent> Scrap(ScrapRequest request, StockKeeper keeper, CancellationToken ct)
    {
        await keeper.ScrapAsync(request, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> ReturnToStock(ReturnToStockRequest request, StockKeeper keeper, CancellationToken ct)
    {
        await keeper.ReturnToStockAsync(request, ct);
        return TypedResults.NoContent();
    }
}
