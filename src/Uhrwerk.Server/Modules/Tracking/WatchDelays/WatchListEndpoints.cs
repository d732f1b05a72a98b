using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Tracking.WatchDelays;

/// <summary>A promise at risk as staff see it, with what to do about it in the caller's language.</summary>
public sealed record WatchEntryResponse(Guid Id, DelayCause Type, string TypeText, Guid ShipmentId, string Reference, Guid OrderId, string OrderNumber, Guid CompanyId,
    string Carrier, string WarehouseCode, DateOnly PromisedDeliveryDate, DateOnly? ExpectedDelivery, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, string SuggestedAction);

public enum WatchState { Open, Resolved }

internal static class WatchListEndpoints
{
    private const int Max = 500;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/backoffice/tracking").RequirePermission(Permission.ManageShipments)
            .MapGet("/watch-list", List)
            .WithSummary("Shipments whose delivery promise is at risk: one entry per shipment and cause, open until the cause is gone or the goods arrived");

    private static async Task<Ok<IReadOnlyList<WatchEntryResponse>>> List(UhrwerkDbContext db, DelayCause? type, WatchState? state, string? carrier, CancellationToken ct) =>
        TypedResults.Ok(await ReadAsync(db, type, state, carrier, ct));

    /// <summary>The newest entries first; without a state, the open ones.</summary>
    public static async Task<IReadOnlyList<WatchEntryResponse>> ReadAsync(UhrwerkDbContext db, DelayCause? type, WatchState? state, string? carrier, CancellationToken ct)
    {
        var query = db.WatchEntries.AsNoTracking();
        query = (state ?? WatchState.Open) == WatchState.Open ? query.Where(e => e.ResolvedAt == null) : query.Where(e => e.ResolvedAt != null);
        if (type is { } cause)
        {
            query = query.Where(e => e.Cause == cause);
        }

        if (!string.IsNullOrWhiteSpace(carrier))
        {
            var normalised = CarrierName.Normalise(carrier);
            query = query.Where(e => e.Carrier == normalised);
        }

        var entries = await query.OrderByDescending(e => e.OpenedAt).Take(Max).ToListAsync(ct);
        return entries.Select(e => new WatchEntryResponse(e.Id, e.Cause, T.Get("Tracking.Watch.Cause." + e.Cause), e.ShipmentId, e.Reference, e.OrderId, e.OrderNumber,
            e.CompanyId!.Value, e.Carrier, e.WarehouseCode, e.PromisedDeliveryDate, e.ExpectedDelivery, e.OpenedAt, e.ResolvedAt, T.Get("Tracking.Watch.Action." + e.Cause))).ToList();
    }
}
