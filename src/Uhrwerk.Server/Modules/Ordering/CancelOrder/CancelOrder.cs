using System.ComponentModel.DataAnnotations;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Modules.Ordering.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Modules.Ordering.ViewOrders;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Ordering.CancelOrder;

public sealed record CancelRequest([property: Required, StringLength(2000)] string? Comment);

/// <summary>
/// The buyer cancels what the warehouse has not picked yet: the whole order before picking starts, its unpicked rest after. What was
/// reserved for the cancelled goods and what they took from the budget are free again at once; picked goods stay with the order.
/// </summary>
internal sealed class OrderCancellation(OrderDesk desk, OrderBudgets budgets, DeliveryCommitment deliveries, OrderQueries queries)
{
    public async Task<OrderResponse?> CancelAsync(Guid orderId, CancelRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        if (await desk.FindVisibleAsync(orderId, withDetails: true, ct) is not { } order)
        {
            return null;
        }

        var comment = request.Comment;
        await using var transaction = await desk.Db.Database.BeginTransactionAsync(ct);
        var cancelled = order.CancelUnpicked(desk.Caller, comment ?? "", await deliveries.PickedAsync(order, ct), desk.Now);
        // Every unpicked unit is cancelled, so what the order still holds unpicked is exactly what was cancelled.
        await deliveries.ReleaseAsync(order, ct);
        await budgets.RefundAsync(await desk.ProfileAsync(order.BuyerId, ct), order, cancelled.Sum(c => c.Quantity * c.Line.UnitPrice), ct);
        desk.Publish(order.Status == OrderStatus.Cancelled
            ? new OrderCancelled(OrderFacts.Snapshot(order), OrderFacts.ActorOf(desk.Caller), comment ?? "")
            : OrderFacts.RestCancelled(order, desk.Caller, comment ?? "", cancelled), order);
        await desk.SaveOrderAsync(ct);
        await transaction.CommitAsync(ct);
        return await queries.FindAsync(orderId, ct);
    }
}

internal static class CancelOrderEndpoint
{
    public static void Map(RouteGroupBuilder ordering) =>
        ordering.MapPost("/orders/{orderId:guid}/cancel", Cancel)
            .RequirePermission(Permission.PlaceOrders)
            .WithSummary("Cancel what of my order is not picked yet: all of it before picking starts, the unpicked rest after; a reason is required and the cancelled goods' reservations are released")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Cancel(Guid orderId, CancelRequest request, OrderCancellation cancellation, CancellationToken ct) =>
        await cancellation.CancelAsync(orderId, request, ct) is { } result ? TypedResults.Ok(result) : Problem.NotFound("NotFound.Order");
}
