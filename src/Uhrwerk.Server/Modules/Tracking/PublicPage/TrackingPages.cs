using System.Linq.Expressions;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Fulfillment;
using Uhrwerk.Server.Modules.Ordering;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Tracking.PublicPage;

public sealed class TrackingPageOptions
{
    /// <summary>How long after delivery a tracking link still shows the shipment; after that it shows nothing.</summary>
    public TimeSpan StaleAfterDelivery { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Requests per minute one address may make to the pages that open without signing in.</summary>
    public int RequestsPerMinute { get; set; } = 120;
}

public sealed record ShipmentSummary(string PublicToken, string Reference, TrackingStatus Status, DateOnly PromisedDeliveryDate, DateOnly? ExpectedDelivery,
    DateTimeOffset? CarrierEta, DateTimeOffset? DeliveredAt, DelayCause? Delay)
{
    public DateOnly? Expected => DeliveredAt is not null ? null : ExpectedDelivery ?? (CarrierEta is { } eta ? BerlinTime.DateOf(eta) : null);
}

/// <summary>An order's partial deliveries that left, each with its own tracking page.</summary>
public sealed record OrderTrackingView(string? OrderNumber, IReadOnlyList<ShipmentSummary> Shipments);

/// <summary>
/// What the public tracking pages show, found by their unguessable tokens. A token that matches nothing, or whose
/// shipments were delivered long ago, finds nothing, and the page cannot tell the two apart. Kept cheap (compiled,
/// untracked, one statement per part) because it is the most opened page of all.
/// </summary>
public sealed class TrackingPages(UhrwerkDbContext db, IShipmentContents contents, OrderTrackingToken orderTokens, IOptions<TrackingPageOptions> options, TimeProvider clock) : IOrderTracking
{
    private static readonly Expression<Func<TrackedShipment, ShipmentTrackingView>> View = t => new ShipmentTrackingView(
        t.ShipmentId, t.OrderNumber, t.Reference, t.Carrier, t.Parcels.Select(p => p.TrackingNumber).ToList(), t.Status, t.StatusAt, t.PromisedDeliveryDate, t.ExpectedDelivery,
        t.CarrierEta, t.DeliveredAt, t.Delay, t.Scans.OrderByDescending(s => s.OccurredAt).Select(s => new ScanView(s.OccurredAt, s.Status, s.Location)).ToList());

    public async Task<ShipmentTrackingView?> ShipmentAsync(string token, CancellationToken ct)
    {
        if (token.Length is < 32 or > 64 || await db.TrackedShipments.IgnoreQueryFilters().AsNoTracking().AsSingleQuery().Where(t => t.PublicToken == token).Select(View).FirstOrDefaultAsync(ct)
            is not { } view || IsStale(view.DeliveredAt))
        {
            return null;
        }

        return view with { Items = await contents.OfAsync(view.ShipmentId, ct) };
    }

    public async Task<OrderTrackingView?> OrderAsync(string token, CancellationToken ct)
    {
        if (orderTokens.Read(token) is not { } orderId)
        {
            return null;
        }

        var shipments = await db.TrackedShipments.IgnoreQueryFilters().AsNoTracking().Where(t => t.OrderId == orderId).OrderBy(t => t.ShippedAt)
            .Select(t => new { t.OrderNumber, Summary = new ShipmentSummary(t.PublicToken, t.Reference, t.Status, t.PromisedDeliveryDate, t.ExpectedDelivery, t.CarrierEta, t.DeliveredAt, t.Delay) })
            .ToListAsync(ct);
        return shipments.Count > 0 && shipments.All(s => IsStale(s.Summary.DeliveredAt))
            ? null
            : new OrderTrackingView(shipments.FirstOrDefault()?.OrderNumber, shipments.Select(s => s.Summary).ToList());
    }

    /// <summary>The order page shows each tracked delivery with the same timeline as the public page.</summary>
    public async Task<IReadOnlyDictionary<Guid, RenderFragment>> TimelinesAsync(Guid orderId, CancellationToken ct) =>
        (await OfOrderAsync(orderId, ct)).ToDictionary(p => p.Key, p => (RenderFragment)(builder =>
        {
            builder.OpenComponent<TrackingTimeline>(0);
            builder.AddComponentParameter(1, nameof(TrackingTimeline.View), p.Value);
            builder.CloseComponent();
        }));

    /// <summary>The tracked shipments of an order the caller may see (the company filter applies), by Fulfillment's shipment id.</summary>
    public async Task<IReadOnlyDictionary<Guid, ShipmentTrackingView>> OfOrderAsync(Guid orderId, CancellationToken ct) =>
        await db.TrackedShipments.AsNoTracking().AsSingleQuery().Where(t => t.OrderId == orderId).Select(View)
            .ToDictionaryAsync(v => v.ShipmentId, ct);

    private bool IsStale(DateTimeOffset? deliveredAt) => deliveredAt is { } at && at + options.Value.StaleAfterDelivery < clock.GetUtcNow();
}
