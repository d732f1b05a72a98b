using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Inventory.Promise;

public sealed record PromiseRequest([property: Required, StringLength(2)] string Country, [property: Required, StringLength(10)] string PostalCode, [property: Required, MinLength(1), MaxLength(500)] IReadOnlyList<PromiseLine> Lines);

internal static class PromiseEndpoints
{
    /// <summary>The ERP's copy is mapped outside the module's group because an operation has exactly one tag, and its tag is ERP.</summary>
    public static void Map(RouteGroupBuilder api, RouteGroupBuilder inventory)
    {
        inventory.MapPost("/delivery-promise", PromiseDelivery).RequirePermission(Permission.ViewCatalog)
            .WithSummary("When each line can be delivered to a destination: one complete delivery, and partial deliveries where part of it can come earlier, with the reasons");
        api.MapPost("/erp/delivery-promise", PromiseDelivery)
            .WithTags("ERP").RequireApiScope(ApiScopes.ErpInventory).WithSummary("The delivery promise for the ERP (API key with scope erp.inventory)");
    }

    private static async Task<Ok<IReadOnlyList<LinePromise>>> PromiseDelivery(PromiseRequest request, DeliveryPromises promises, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(BerlinTime.ToLocal(clock.GetUtcNow()).DateTime);
        var lines = request.Lines.Select((l, i) => l with
        {
            Sku = l.Sku?.Trim().ToUpperInvariant() ?? throw ValidationFailedException.For($"lines[{i}].sku", T.Get("Inventory.SkuRequired")),
            RequestedDate = RequestedDeliveryDate.Accept(l.RequestedDate, today, $"lines[{i}].requestedDate"),
        }).ToList();
        return TypedResults.Ok(await promises.PromiseAsync(lines, new Destination(request.Country, request.PostalCode), ct));
    }
}
