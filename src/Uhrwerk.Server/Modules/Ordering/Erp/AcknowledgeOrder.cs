using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Ordering.Erp;

public sealed record AcknowledgeOrderRequest([property: Required, StringLength(40)] string ErpOrderNumber);

/// <param name="Recorded">False when the ERP had acknowledged the order with this number before.</param>
public sealed record OrderAcknowledged(string Number, string ErpOrderNumber, bool Recorded);

/// <summary>
/// The ERP says it booked an order under its own number. Repeating that is harmless (an ERP retries
/// after a lost answer), another number for the same order is a conflict, so nothing is booked twice.
/// </summary>
internal sealed class OrderAcknowledgement(OrderDesk desk, ErpProgress progress)
{
    public async Task<OrderAcknowledged?> AcknowledgeAsync(string number, string erpOrderNumber, ClaimsPrincipal erp, CancellationToken ct)
    {
        if (await progress.FindAsync(number, ct) is not { } order)
        {
            return null;
        }

        var recorded = order.AcknowledgeByErp(ErpProgress.ErpOf(erp), erpOrderNumber, desk.Now);
        await desk.SaveOrderAsync(ct);
        return new OrderAcknowledged(order.Number, order.ErpOrderNumber!, recorded);
    }
}

internal static class AcknowledgeOrderEndpoint
{
    public static void Map(RouteGroupBuilder erp) =>
        erp.MapPost("/{number}/acknowledge", Acknowledge)
            .WithSummary("The ERP booked the order under its own number; the same number again is fine, another one is a conflict (API key with scope erp.orders)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Results<Ok<OrderAcknowledged>, ProblemHttpResult>> Acknowledge(string number, AcknowledgeOrderRequest request, ClaimsPrincipal erp, OrderAcknowledgement acknowledgement, CancellationToken ct) =>
        await acknowledgement.AcknowledgeAsync(number, request.ErpOrderNumber, erp, ct) is { } acknowledged
            ? TypedResults.Ok(acknowledged)
            : Problem.NotFound("NotFound.Order");
}
