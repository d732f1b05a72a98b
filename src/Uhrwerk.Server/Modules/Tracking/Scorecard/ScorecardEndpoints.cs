using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Tracking.Scorecard;

internal static class ScorecardEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var tracking = api.MapGroup("/backoffice/tracking").WithTags("Tracking");
        tracking.MapGet("/carriers", Carriers)
            .RequirePermission(Permission.ViewInventory)
            .WithSummary("Carrier scorecard of the shipments shipped in the period (default: the last 12 weeks): on-time rate, median and p90 transit working days, shares of exceptions, failed attempts and lost parcels, per carrier, lane and ISO week");
        tracking.MapPost("/shipments/{shipmentId:guid}/declare-lost", DeclareLost)
            .RequirePermission(Permission.ManageShipments)
            .WithSummary("Give a shipment's parcel up as lost; the scorecard counts it as lost from then on")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Ok<ScorecardReport>> Carriers(CarrierScorecards scorecards, DateOnly? from, DateOnly? to, string? carrier, string? warehouse, CancellationToken ct) =>
        TypedResults.Ok(await scorecards.ReportAsync(new ScorecardFilter(from, to, carrier, warehouse), ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> DeclareLost(Guid shipmentId, UhrwerkDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.TrackedShipments.SingleOrDefaultAsync(t => t.ShipmentId == shipmentId, ct) is not { } tracked)
        {
            return Problem.NotFound("NotFound.Shipment");
        }

        tracked.DeclareLost(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
