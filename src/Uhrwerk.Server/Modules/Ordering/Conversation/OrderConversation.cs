using System.ComponentModel.DataAnnotations;
using Uhrwerk.Server.Modules.Ordering.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Modules.Ordering.ViewOrders;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Ordering.Conversation;

public sealed record MessageRequest([property: Required, StringLength(4000)] string Text);

/// <summary>The thread between the buyer and the approvers of an order, each message e-mailed to the others; read-only viewers such as controllers only read it.</summary>
internal sealed class OrderConversation(OrderDesk desk, OrderQueries queries)
{
    public async Task<OrderResponse?> SayAsync(Guid orderId, MessageRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        if (await desk.FindVisibleAsync(orderId, withDetails: true, ct) is not { } order)
        {
            return null;
        }

        var approvers = (await desk.ApproversAsync(order, ct)).Select(a => a.UserId).ToList();
        if (order.BuyerId != desk.Me.UserId && !approvers.Contains(desk.Me.RequiredUserId))
        {
            throw new NotAllowedException("not_in_conversation", T.Get("Ordering.NotInConversation"));
        }

        var message = order.Say(desk.Caller, request.Text, desk.Now);

        // Everyone else in the thread hears of it: the buyer, and the approvers who may decide now.
        var others = approvers.Append(order.BuyerId).Where(id => id != desk.Me.UserId).Distinct().ToList();
        desk.Publish(new OrderMessagePosted(OrderFacts.Snapshot(order), OrderFacts.ActorOf(desk.Caller), message.Text, others), order);
        await desk.SaveOrderAsync(ct);
        return await queries.FindAsync(orderId, ct);
    }
}

internal static class ConversationEndpoints
{
    public static void Map(RouteGroupBuilder ordering) =>
        ordering.MapPost("/orders/{orderId:guid}/messages", Say)
            .RequirePermission(Permission.PlaceOrders, Permission.ApproveOrders)
            .WithSummary("Write to the conversation of an order as its buyer or one of its approvers")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Say(Guid orderId, MessageRequest request, OrderConversation conversation, CancellationToken ct) =>
        await conversation.SayAsync(orderId, request, ct) is { } result ? TypedResults.Ok(result) : Problem.NotFound("NotFound.Order");
}
