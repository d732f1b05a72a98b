using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Modules.Ordering.Events;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Ordering.Erp;

/// <param name="Quantity">How many of the line have shipped so far in total, not only with this shipment, so that a repeated report counts once.</param>
public sealed record ShippedLineReport([property: Required, StringLength(40)] string Sku, [property: Range(1, 1_000_000)] int Quantity);

/// <param name="Lines">What has shipped so far per line; none: the whole order shipped.</param>
public sealed record ReportShipmentRequest([property: MaxLength(500)] IReadOnlyList<ShippedLineReport>? Lines, DateTimeOffset? ShippedAt, [property: MaxLength(20)] IReadOnlyList<string>? TrackingNumbers);

internal static class ReportShipmentEndpoint
{
    public static void Map(RouteGroupBuilder erp) =>
        erp.MapPost("/{number}/shipped", ReportShipped)
            .WithSummary("The ERP reports what of a confirmed order has shipped so far: all of it (no lines) or per line the quantity shipped in total; the order becomes Shipped or PartiallyShipped. The same report again changes nothing");

    private static async Task<Results<Ok<ErpOrderProgress>, ProblemHttpResult>> ReportShipped(string number, ReportShipmentRequest request, ErpProgress progress, ClaimsPrincipal key, CancellationToken ct)
    {
        var shipped = request.Lines?.Select((l, i) => (Sku: l.Sku?.Trim().ToUpperInvariant() ?? throw ValidationFailedException.For($"lines[{i}].sku", T.Get("Inventory.SkuRequired")), l.Quantity))
            .GroupBy(l => l.Sku).ToDictionary(g => g.Key, g => g.Max(l => l.Quantity));
        var tracking = (request.TrackingNumbers ?? []).Select((t, i) => PlainText.Name($"trackingNumbers[{i}]", t?.Trim()) is { Length: <= 100 } valid ? valid
            : throw ValidationFailedException.For($"trackingNumbers[{i}]", T.Get("Ordering.TrackingNumberInvalid"))).Where(t => t.Length > 0).ToList();
        if (await progress.FindAsync(number, ct) is not { } order)
        {
            return Problem.NotFound("NotFound.Order");
        }

        var shippedAt = request.ShippedAt ?? progress.Now;
        var reported = order.MarkShipped(shipped, ErpProgress.ErpOf(key), progress.Now, tracking.Count == 0 ? null : string.Join(", ", tracking));
        var @event = reported.Count == 0 ? null : OrderFacts.Shipped(order, reported, shippedAt, tracking);
        return TypedResults.Ok(await progress.SaveAsync(order, @event, ct));
    }
}
