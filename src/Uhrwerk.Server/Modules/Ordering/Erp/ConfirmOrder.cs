using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Modules.Ordering.Events;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Ordering.Erp;

public sealed record ConfirmedLine([property: Required, StringLength(40)] string Sku, DateOnly? DeliveryDate);

/// <param name="Lines">The lines the ERP confirms for another date than promised; lines not named keep their promised date.</param>
public sealed record ConfirmOrderRequest([property: Required, StringLength(40)] string ErpOrderNumber, [property: MaxLength(500)] IReadOnlyList<ConfirmedLine>? Lines);

internal static class ConfirmOrderEndpoint
{
    public static void Map(RouteGroupBuilder erp) =>
        erp.MapPost("/{number}/confirm", Confirm)
            .WithSummary("The ERP confirms an order under its own order number, each line for the date it names (the promised date where it names none); the buyer hears of changed dates. The same confirmation again changes nothing");

    private static async Task<Results<Ok<ErpOrderProgress>, ProblemHttpResult>> Confirm(string number, ConfirmOrderRequest request, ErpProgress progress, ClaimsPrincipal key, CancellationToken ct)
    {
        var dates = new Dictionary<string, DateOnly>();
        foreach (var (line, i) in (request.Lines ?? []).Select((l, i) => (l, i)))
        {
            var sku = line.Sku?.Trim().ToUpperInvariant() ?? throw ValidationFailedException.For($"lines[{i}].sku", T.Get("Inventory.SkuRequired"));
            dates[sku] = line.DeliveryDate ?? throw ValidationFailedException.For($"lines[{i}].deliveryDate", T.Get("Inventory.DateRequired"));
        }

        if (await progress.FindAsync(number, ct) is not { } order)
        {
            return Problem.NotFound("NotFound.Order");
        }

        var changes = order.ConfirmByErp(request.ErpOrderNumber ?? "", dates, ErpProgress.ErpOf(key), progress.Now);
        var confirmed = changes is null ? null : new OrderConfirmed(OrderFacts.Snapshot(order), order.ErpOrderNumber!,
            changes.Select(c => new ChangedDeliveryDate(OrderFacts.PositionOf(order, c.Line), c.Line.Sku, c.Line.Name, c.Before, c.After)).ToList());
        return TypedResults.Ok(await progress.SaveAsync(order, confirmed, ct));
    }
}
