using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Modules.Ordering.ViewOrders;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Ordering.DecideOrder;

public sealed record ApproveRequest([property: StringLength(2000)] string? Comment);

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
internal sealed class OrderDecisions(OrderDesk desk, OrderQueries queries)
{
    public async Task<OrderResponse?> ApproveAsync(Guid orderId, string? comment, CancellationToken ct)
    {
        if (await PendingAsync(orderId, ct) is not { } order)
        {
            return null;
        }

        var buyer = await desk.ProfileAsync(order.BuyerId, ct);
        await desk.EnsureLedgerAsync(buyer, ct);
        await using var transaction = await desk.Db.Database.BeginTransactionAsync(ct);
        order.Approve(desk.Caller, comment, desk.Now);
        await desk.CommitDeliveriesAsync(order, ct);
        desk.Notify("order.approved", [order.BuyerId], order, comment);
        await desk.SaveOrderAsync(ct);

        // An approved order counts against the buyer's period budget, even beyond it: the approver allowed that.
        await desk.SpendAsync(buyer, order.Total, onlyWithinBudget: false, ct);
        await transaction.CommitAsync(ct);
        return await queries.FindAsync(orderId, ct);
    }

    public async Task<OrderResponse?> RejectAsync(Guid orderId, string? comment, CancellationToken ct)
    {
        if (await PendingAsync(orderId, ct) is not { } order)
        {
            return null;
        }

        order.Reject(desk.Caller, comment ?? "", desk.Now);
        desk.Notify("order.rejected", [order.BuyerId], order, comment);
        await desk.SaveOrderAsync(ct);
        return await queries.FindAsync(orderId, ct);
    }

    public async Task<OrderResponse?> EditAsync(Guid orderId, ApproverEditRequest request, CancellationToken ct)
    {
        if (await PendingAsync(orderId, ct) is not { } order)
        {
            return null;
        }

        var buyer = await desk.ProfileAsync(order.BuyerId, ct);
        var lines = await desk.PriceAsync(request.Lines, ct);
        var header = new OrderHeader(
            request.AddressIndex is { } index ? OrderDesk.ShipToOf(buyer, index) : order.Destination,
            request.RequestedDeliveryDate is { } date ? desk.RequestedDate(date) : order.RequestedDeliveryDate,
            order.PurchaseOrderReference,
            order.Comment);
        order.EditAsApprover(desk.Caller, lines, header, request.Comment, desk.Now);
        desk.Notify("order.changed", [order.BuyerId], order, request.Comment);
        await desk.SaveOrderAsync(ct);
        return await queries.FindAsync(orderId, ct);
    }

    private async Task<Order?> PendingAsync(Guid orderId, CancellationToken ct)
    {
        var order = await desk.FindVisibleAsync(orderId, withDetails: true, ct);
        if (order is not null)
        {
            await desk.EnsureMayDecideAsync(order, ct);
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
            .WithSummary("Approve an order waiting for my decision; it is placed with the supplier at once");
        order.MapPost("/reject", Reject).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Send an order back to the buyer; a comment is required");
        order.MapPut("/approver-edit", Edit).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Correct lines, address or date of an order waiting for my decision; the buyer is told, the history keeps before and after");
    }

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Approve(Guid orderId, ApproveRequest request, OrderDecisions decisions, CancellationToken ct) =>
        await decisions.ApproveAsync(orderId, request.Comment, ct) is { } result ? TypedResults.Ok(result) : Problem.NotFound("NotFound.Order");

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Reject(Guid orderId, RejectRequest request, OrderDecisions decisions, CancellationToken ct) =>
        await decisions.RejectAsync(orderId, request.Comment, ct) is { } result ? TypedResults.Ok(result) : Problem.NotFound("NotFound.Order");

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Edit(Guid orderId, ApproverEditRequest request, OrderDecisions decisions, CancellationToken ct) =>
        await decisions.EditAsync(orderId, request, ct) is { } result ? TypedResults.Ok(result) : Problem.NotFound("NotFound.Order");
}
