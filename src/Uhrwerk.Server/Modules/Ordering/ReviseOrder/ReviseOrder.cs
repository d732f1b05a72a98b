using System.ComponentModel.DataAnnotations;
using Uhrwerk.Server.Modules.Ordering.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Modules.Ordering.ViewOrders;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Ordering.ReviseOrder;

/// <summary>The buyer's reworked order after a rejection; the comment tells the approvers what changed and is required.</summary>
public sealed record ResubmitRequest(
    [property: Required, MinLength(1), MaxLength(500)] IReadOnlyList<LineRequest> Lines,
    [property: Range(0, 100)] int AddressIndex,
    DateOnly? RequestedDeliveryDate,
    [property: StringLength(100)] string? PurchaseOrderReference,
    [property: StringLength(2000)] string? Comment);

public sealed record WithdrawRequest([property: StringLength(2000)] string? Comment);

/// <summary>The buyer answers a rejection: revise and resubmit for a new approval round, or withdraw the order.</summary>
internal sealed class OrderRevisions(OrderDesk desk, OrderPricing pricing, OrderBudgets budgets, OrderQueries queries)
{
    public async Task<OrderResponse?> ResubmitAsync(Guid orderId, ResubmitRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        if (await desk.FindVisibleAsync(orderId, withDetails: true, ct) is not { } order)
        {
            return null;
        }

        var buyer = await desk.ProfileAsync(order.BuyerId, ct);
        var lines = await pricing.PriceAsync(request.Lines, ct);
        var header = desk.Header(buyer, request.AddressIndex, request.RequestedDeliveryDate, request.PurchaseOrderReference, order.Comment);
        order.ReviseAndResubmit(desk.Caller, lines, header, await budgets.FindingsAsync(buyer, lines, ct), request.Comment ?? "", desk.Now);
        var approvers = (await desk.ApproversAsync(order, ct)).Select(a => a.UserId).ToList();
        desk.Publish(new OrderRevised(OrderFacts.Snapshot(order), request.Comment ?? "", OrderFacts.Findings(order), approvers), order);
        await desk.SaveOrderAsync(ct);
        return await queries.FindAsync(orderId, ct);
    }

    public async Task<OrderResponse?> WithdrawAsync(Guid orderId, WithdrawRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        if (await desk.FindVisibleAsync(orderId, withDetails: true, ct) is not { } order)
        {
            return null;
        }

        order.Withdraw(desk.Caller, request.Comment, desk.Now);
        await desk.SaveOrderAsync(ct);
        return await queries.FindAsync(orderId, ct);
    }
}

internal static class ReviseOrderEndpoints
{
    public static void Map(RouteGroupBuilder ordering)
    {
        var order = ordering.MapGroup("/orders/{orderId:guid}").RequirePermission(Permission.PlaceOrders);
        order.MapPost("/resubmit", Resubmit).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Revise my rejected order and send it to a new approval round; a comment is required");
        order.MapPost("/withdraw", Withdraw).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Withdraw my order while it waits for approval or after it was rejected");
    }

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Resubmit(Guid orderId, ResubmitRequest request, OrderRevisions revisions, CancellationToken ct) =>
        await revisions.ResubmitAsync(orderId, request, ct) is { } result ? TypedResults.Ok(result) : Problem.NotFound("NotFound.Order");

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Withdraw(Guid orderId, WithdrawRequest request, OrderRevisions revisions, CancellationToken ct) =>
        await revisions.WithdrawAsync(orderId, request, ct) is { } result ? TypedResults.Ok(result) : Problem.NotFound("NotFound.Order");
}
