using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Inventory;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Tracking.Scorecard;

/// <summary>Which shipments a scorecard counts: shipped in the period (Berlin days, both included), optionally of one carrier or warehouse.</summary>
public sealed record ScorecardFilter(DateOnly? From, DateOnly? To, string? Carrier, string? Warehouse);

/// <summary>
/// A carrier's quality over some shipments. On time: delivered on or before the promised day, of those measured (delivered, lost, or
/// past their promised day). Transit: working days at the destination from the ship day to the delivery day, of the delivered ones;
/// the median of an even count is the mean of the middle two, p90 the nearest rank. Exceptions and failed attempts: shipments with at
/// least one such scan. Lost: not delivered and expired at the carrier, declared lost by staff, or without a scan for
/// <see cref="CarrierScorecards.LostAfterDays"/> days. Rates are null when nothing was counted.
/// </summary>
public sealed record ScorecardFigures(
    int Shipments, int Measured, int OnTime, int Delivered, decimal? MedianTransitDays, int? P90TransitDays, int Exceptions, int FailedAttempts, int Lost)
{
    public decimal? OnTimeRate => Rate(OnTime, Measured);
    public decimal? ExceptionRate => Rate(Exceptions, Shipments);
    public decimal? FailedAttemptRate => Rate(FailedAttempts, Shipments);
    public decimal? LostRate => Rate(Lost, Shipments);

    private static decimal? Rate(int count, int of) => of == 0 ? null : decimal.Round((decimal)count / of, 4);
}

/// <summary>A lane: from a warehouse to a destination zone (country and the postal code's first two digits, e.g. DE-86).</summary>
public sealed record ScorecardLane(string Warehouse, string Zone, ScorecardFigures Figures);

/// <summary>An ISO week of the ship day.</summary>
public sealed record ScorecardWeek(int Year, int Week, DateOnly Monday, ScorecardFigures Figures);

public sealed record CarrierScorecard(string Carrier, ScorecardFigures Figures, IReadOnlyList<ScorecardLane> Lanes, IReadOnlyList<ScorecardWeek> Weeks);

public sealed record ScorecardReport(DateOnly From, DateOnly To, int LostAfterDays, IReadOnlyList<CarrierScorecard> Carriers);

/// <summary>
/// Carrier quality per carrier and lane, from the tracked shipments and their scans. SQL narrows the shipments to a few columns each
/// and tells whether they had an exception or a failed attempt; transit days need the destination's working calendar and the
/// percentiles need the sorted days, so both are counted here.
/// </summary>
internal sealed class CarrierScorecards(UhrwerkDbContext db, IInventory inventory, TimeProvider clock)
{
    public const int MaxDays = 732;

    /// <summary>A parcel without a scan for this many days is counted as lost.</summary>
    public const int LostAfterDays = 10;

    public async Task<ScorecardReport> ReportAsync(ScorecardFilter filter, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = BerlinTime.DateOf(now);
        if (filter.From is { Year: < 2000 or > 2999 } || filter.To is { Year: < 2000 or > 2999 })
        {
            throw ValidationFailedException.For("from", T.Format("Scorecard.Period", MaxDays));
        }

        var to = filter.To ?? today;
        var from = filter.From ?? to.AddDays(-7 * 12 + 1);
        if (from > to || to.DayNumber - from.DayNumber >= MaxDays)
        {
            throw ValidationFailedException.For("from", T.Format("Scorecard.Period", MaxDays));
        }

        var (start, end) = (BerlinMidnight(from), BerlinMidnight(to.AddDays(1)));
        var shipments = db.TrackedShipments.AsNoTracking().Where(t => t.ShippedAt >= start && t.ShippedAt < end);
        if (!string.IsNullOrWhiteSpace(filter.Carrier))
        {
            var carrier = CarrierName.Normalise(filter.Carrier);
            shipments = shipments.Where(t => t.Carrier != null && t.Carrier.ToLower() == carrier);
        }

        if (!string.IsNullOrWhiteSpace(filter.Warehouse))
        {
            var warehouse = filter.Warehouse.Trim().ToUpperInvariant();
            shipments = shipments.Where(t => t.WarehouseCode == warehouse);
        }

        var rows = await shipments.Select(t => new Row
        {
            Carrier = t.Carrier, Warehouse = t.WarehouseCode, Country = t.DestinationCountry, PostalCode = t.DestinationPostalCode,
            ShippedAt = t.ShippedAt, DeliveredAt = t.DeliveredAt, Promised = t.PromisedDeliveryDate, Status = t.Status,
            DeclaredLostAt = t.DeclaredLostAt, LastScanAt = t.LastScanAt,
            Exception = t.Scans.Any(s => s.Status == TrackingStatus.Exception),
            FailedAttempt = t.Scans.Any(s => s.Status == TrackingStatus.AttemptFail),
        }).ToListAsync(ct);

        var lostBefore = now.AddDays(-LostAfterDays);
        var counted = rows.Select(r => Count(r, today, lostBefore)).ToList();
        var carriers = counted.GroupBy(c => c.Carrier).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CarrierScorecard(
                g.Key,
                Figures(g),
                g.GroupBy(c => (c.Warehouse, c.Zone)).OrderBy(l => l.Key.Warehouse, StringComparer.Ordinal).ThenBy(l => l.Key.Zone, StringComparer.Ordinal)
                    .Select(l => new ScorecardLane(l.Key.Warehouse, l.Key.Zone, Figures(l))).ToList(),
                g.GroupBy(c => MondayOf(c.ShippedOn)).OrderBy(w => w.Key)
                    .Select(w => new ScorecardWeek(ISOWeek.GetYear(w.Key.ToDateTime(TimeOnly.MinValue)), ISOWeek.GetWeekOfYear(w.Key.ToDateTime(TimeOnly.MinValue)), w.Key, Figures(w)))
                    .ToList()))
            .ToList();
        return new ScorecardReport(from, to, LostAfterDays, carriers);
    }

    private Counted Count(Row r, DateOnly today, DateTimeOffset lostBefore)
    {
        var shippedOn = BerlinTime.DateOf(r.ShippedAt);
        DateOnly? deliveredOn = r.DeliveredAt is { } d ? BerlinTime.DateOf(d) : null;
        var lost = deliveredOn is null && (r.Status == TrackingStatus.Expired || r.DeclaredLostAt is not null || (r.LastScanAt ?? r.ShippedAt) < lostBefore);
        var postal = r.PostalCode.Trim();
        return new Counted(
            CarrierName.Normalise(r.Carrier), r.Warehouse, $"{r.Country.ToUpperInvariant()}-{(postal.Length > 2 ? postal[..2] : postal)}", shippedOn,
            Measured: deliveredOn is not null || lost || r.Promised < today,
            OnTime: deliveredOn <= r.Promised,
            TransitDays: deliveredOn is { } on ? inventory.DeliveryDaysAt(new Destination(r.Country, r.PostalCode)).Between(shippedOn, on) : null,
            r.Exception, r.FailedAttempt, lost);
    }

    private static ScorecardFigures Figures(IEnumerable<Counted> shipments)
    {
        var all = shipments.ToList();
        var transit = all.Select(c => c.TransitDays).OfType<int>().Order().ToList();
        return new ScorecardFigures(
            all.Count, all.Count(c => c.Measured), all.Count(c => c.OnTime), transit.Count,
            transit.Count == 0 ? null : transit.Count % 2 == 1 ? transit[transit.Count / 2] : (transit[transit.Count / 2 - 1] + transit[transit.Count / 2]) / 2m,
            transit.Count == 0 ? null : transit[(int)Math.Ceiling(transit.Count * 0.9m) - 1],
            all.Count(c => c.Exception), all.Count(c => c.FailedAttempt), all.Count(c => c.Lost));
    }

    private static DateTimeOffset BerlinMidnight(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, BerlinTime.ToLocal(new DateTimeOffset(local, TimeSpan.Zero)).Offset).ToUniversalTime();
    }

    private static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private sealed record Counted(
        string Carrier, string Warehouse, string Zone, DateOnly ShippedOn, bool Measured, bool OnTime, int? TransitDays, bool Exception, bool FailedAttempt, bool Lost);

    private sealed class Row
    {
        public string? Carrier { get; init; }
        public string Warehouse { get; init; } = "";
        public string Country { get; init; } = "";
        public string PostalCode { get; init; } = "";
        public DateTimeOffset ShippedAt { get; init; }
        public DateTimeOffset? DeliveredAt { get; init; }
        public DateOnly Promised { get; init; }
        public TrackingStatus Status { get; init; }
        public DateTimeOffset? DeclaredLostAt { get; init; }
        public DateTimeOffset? LastScanAt { get; init; }
        public bool Exception { get; init; }
        public bool FailedAttempt { get; init; }
    }
}
