using System.ComponentModel.DataAnnotations;
using Uhrwerk.Server.Modules.Ordering.ViewOrders;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Ordering.Conversation;

public sealed record MessageRequest([property: Required, StringLength(4000)] string Text);

/// <summary>The thread between the buyer and the approvers of an order; read-only viewers such as controllers only read it.</summary>
internal sealed class OrderConversation(OrderDesk desk, OrderQueries queries)
{
    public async Task<OrderResponse?> SayAsync(Guid orderId, string text, CancellationToken ct)
    {
        if (await desk.FindVisibleAsync(orderId, withDetails: true, ct) is not { } order)
        {
            return null;
        }

        if (order.BuyerId != desk.Me.UserId && !(await desk.ApproversAsync(order, ct)).Any(a => a.UserId == desk.Me.UserId))
        {
            throw new NotAllowedException("not_in_conversation", T.Get("Ordering.NotInConversation"));
        }

        order.Say(desk.Caller, text, desk.Now);
        await desk.SaveOrderAsync(ct);
        return await queries.FindAsync(orderId, ct);
    }
}

internal static class ConversationEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/orders/{orderId:guid}/messages", async (Guid orderId, MessageRequest request, OrderConversation conversation, CancellationToken ct) =>
                await conversation.SayAsync(orderId, request.Text, ct) is { } result ? Results.Ok(result) : Problem.NotFound("The order"))
            .WithTags("Ordering").RequirePermission(Permission.PlaceOrders, Permission.ApproveOrders)
            .WithSummary("Write to the conversation of an order as its buyer or one of its approvers");
}
