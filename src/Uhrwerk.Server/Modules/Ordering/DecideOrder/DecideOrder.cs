using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Modules.Ordering.Events;
using Uhrwerk.Server.Modules.Ordering.ViewOrders;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Ordering.DecideOrder;

/// <summary>
/// An approval, optionally with the approver's correction: the order is corrected and approved in one step, or
/// neither happens. Without a correction, the comment goes with the approval.
/// </summary>
public sealed record ApproveRequest([property: StringLength(2000)] string? Comment, ApproverEditRequest? Correction = null);

public sealed record RejectRequest([property: StringLength(2000)] string? Comment);

/// <summary>The approver's corrected order; the address by its position in the company's list, null keeps the current one.</summary>
public sealed record ApproverEditRequest(
    [property: Required, MinLength(1), MaxLength(500)] IReadOnlyList<LineRequest> Lines,
    [property: Range(0, 100)] int? AddressIndex,
    DateOnly? RequestedDeliveryDate,
    [property: StringLength(2000)] string? Comment);

/// <summary>
/// An approver approves, rejects or corrects an order waiting for approval. Who may decide is
/// recomputed from the routing on every call; two decisions at the same time meet at the
/// order's version and only the first holds.
/// </summary>
internal sealed class OrderDecisions(OrderDesk desk, OrderPricing pricing, OrderBudgets budgets, ApproverRoutes routes, DeliveryCommitment deliveries, OrderQueries queries)
{
    public async Task<OrderResponse?> ApproveAsync(Guid orderId, ApproveRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        if (await PendingAsync(orderId, ct) is not { } order)
        {
            return null;
        }

        var buyer = await desk.ProfileAsync(order.BuyerId, ct);
        await using var transaction = await desk.Db.Database.BeginTransactionAsync(ct);
        if (request.Correction is { } correction)
        {
            await CorrectAsync(order, buyer, correction, ct);
        }

        var comment = request.Comment;
        order.Approve(desk.Caller, comment, desk.Now);
        await deliveries.CommitAsync(order, ct);
        desk.Publish(new OrderApproved(OrderFacts.Snapshot(order), OrderFacts.ActorOf(desk.Caller), comment), order);
        await desk.SaveOrderAsync(ct);

        // An approved order counts against the buyer's period budget, even beyond it: the approver allowed that.
        await budgets.SpendAsync(buyer, order.Total, onlyWithinBudget: false, ct);
        await transaction.CommitAsync(ct);
        OrderingMetrics.Placed("approval");
        return await queries.FindAsync(orderId, ct);
    }

    public async Task<OrderResponse?> RejectAsync(Guid orderId, RejectRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        if (await PendingAsync(orderId, ct) is not { } order)
        {
            return null;
        }

        var comment = request.Comment;
        order.Reject(desk.Caller, comment ?? "", desk.Now);
        desk.Publish(new OrderRejected(OrderFacts.Snapshot(order), OrderFacts.ActorOf(desk.Caller), comment ?? ""), order);
        await desk.SaveOrderAsync(ct);
        return await queries.FindAsync(orderId, ct);
    }

    public async Task<OrderResponse?> EditAsync(Guid orderId, ApproverEditRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        if (await PendingAsync(orderId, ct) is not { } order)
        {
            return null;
        }

        await CorrectAsync(order, await desk.ProfileAsync(order.BuyerId, ct), request, ct);
        await desk.SaveOrderAsync(ct);
        return await queries.FindAsync(orderId, ct);
    }

    /// <summary>Corrects the loaded order without saving it, so that an approval can save the correction with itself.</summary>
    private async Task CorrectAsync(Order order, BuyerProfile buyer, ApproverEditRequest request, CancellationToken ct)
    {
        var lines = await pricing.PriceAsync(request.Lines, ct);
        var header = new OrderHeader(
            request.AddressIndex is { } index ? OrderDesk.ShipToOf(buyer, index) : order.Destination,
            request.RequestedDeliveryDate is { } date ? desk.RequestedDate(date) : order.RequestedDeliveryDate,
            order.PurchaseOrderReference,
            order.Comment);
        order.EditAsApprover(desk.Caller, lines, header, request.Comment, desk.Now);
        var edit = order.History.Last(h => h.Action == OrderAction.Edited);
        desk.Publish(new OrderChanged(OrderFacts.Snapshot(order), OrderFacts.ActorOf(desk.Caller), request.Comment, edit.Before, edit.After), order);
    }

    private async Task<Order?> PendingAsync(Guid orderId, CancellationToken ct)
    {
        var order = await desk.FindVisibleAsync(orderId, withDetails: true, ct);
        if (order is not null)
        {
            await routes.EnsureMayDecideAsync(order, ct);
        }

        return order;
    }
}

internal static class DecideOrderEndpoints
{
    public static void Map(RouteGroupBuilder ordering)
    {
        var order = ordering.MapGroup("/orders/{orderId:guid}").RequirePermission(Permission.ApproveOrders);
        order.MapPost("/approve", Approve).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Approve an order waiting for my decision, optionally with my correction of it; it is placed with the supplier at once");
        order.MapPost("/reject", Reject).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Send an order back to the buyer; a comment is required");
        order.MapPut("/approver-edit", Edit).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Correct lines, address or date of an order waiting for my decision; the buyer is told, the history keeps before and after");
    }

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Approve(Guid orderId, ApproveRequest request, OrderDecisions decisions, CancellationToken ct) =>
        await decisions.ApproveAsync(orderId, request, ct) is { } result ? TypedResults.Ok(result) : Problem.NotFound("NotFound.Order");

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Reject(Guid orderId, RejectRequest request, OrderDecisions decisions, CancellationToken ct) =>
        await decisions.RejectAsync(orderId, request, ct) is { } result ? TypedResults.Ok(result) : Problem.NotFound("NotFound.Order");

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Edit(Guid orderId, ApproverEditRequest request, OrderDecisions decisions, CancellationToken ct) =>
        await decisions.EditAsync(orderId, request, ct) is { } result ? TypedResults.Ok(result) : Problem.NotFound("NotFound.Order");
}
