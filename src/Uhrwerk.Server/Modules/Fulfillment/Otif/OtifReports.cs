using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Fulfillment.Domain;
using Uhrwerk.Server.Modules.Ordering;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Fulfillment.Otif;

/// <summary>Which lines a report measures: promised in the period (both days included), optionally one company, warehouse or carrier.</summary>
public sealed record OtifFilter(DateOnly? From, DateOnly? To, Guid? CompanyId, string? Warehouse, string? Carrier);

/// <summary>How many lines (or orders) were measured and how many of them were on time, in full and both; rates are null when nothing was measured.</summary>
public sealed record OtifCounts(int Measured, int OnTime, int InFull, int Otif, int WithRequestedDate, int OnTimeToRequested)
{
    public static readonly OtifCounts None = new(0, 0, 0, 0, 0, 0);

    public decimal? OtifRate => Rate(Otif, Measured);
    public decimal? OnTimeRate => Rate(OnTime, Measured);
    public decimal? InFullRate => Rate(InFull, Measured);
    public decimal? OnTimeToRequestedRate => Rate(OnTimeToRequested, WithRequestedDate);

    public static OtifCounts operator +(OtifCounts a, OtifCounts b) => new(a.Measured + b.Measured, a.OnTime + b.OnTime, a.InFull + b.InFull, a.Otif + b.Otif,
        a.WithRequestedDate + b.WithRequestedDate, a.OnTimeToRequested + b.OnTimeToRequested);

    private static decimal? Rate(int count, int of) => of == 0 ? null : decimal.Round((decimal)count / of, 4);
}

/// <summary>An ISO week (by promised date) of the report.</summary>
public sealed record OtifWeek(int Year, int Week, DateOnly Monday, OtifCounts Lines, OtifCounts Orders);

public sealed record OtifReport(DateOnly From, DateOnly To, OtifCounts Lines, OtifCounts Orders, IReadOnlyList<OtifWeek> Weeks);

/// <summary>
/// On-time-in-full over many orders, counted in SQL (<see cref="OnTimeInFull"/> is the rule line by line). A line is measured once it is
/// due: its promised date has passed or it arrived in full; it belongs to the week of its promised date, an order to the week of its
/// latest measured line. A warehouse or carrier filter keeps the lines that one of its shipments carries.
/// </summary>
internal sealed class OtifReports(UhrwerkDbContext db, TimeProvider clock)
{
    public const int MaxDays = 732;

    public async Task<OtifReport> ReportAsync(OtifFilter filter, CancellationToken ct)
    {
        var today = BerlinTime.DateOf(clock.GetUtcNow());
        var to = filter.To ?? today;
        var from = filter.From ?? to.AddDays(-7 * 12 + 1);
        if (from > to || to.DayNumber - from.DayNumber >= MaxDays)
        {
            throw ValidationFailedException.For("from", T.Format("Otif.Period", MaxDays));
        }

        var measured = Measured(filter, from, to, today);
        var lineDays = await measured.GroupBy(m => m.Day).Select(g => new Day
        {
            Date = g.Key,
            Measured = g.Count(),
            OnTime = g.Count(m => m.OnTime),
            InFull = g.Count(m => m.InFull),
            Otif = g.Count(m => m.OnTime && m.InFull),
            WithRequestedDate = g.Count(m => m.Requested != null),
            OnTimeToRequested = g.Count(m => m.OnTimeToRequested),
        }).ToListAsync(ct);
        var orders = measured.GroupBy(m => m.OrderId).Select(g => new
        {
            Day = g.Max(m => m.Day),
            Lines = g.Count(),
            OnTime = g.Count(m => m.OnTime),
            InFull = g.Count(m => m.InFull),
            Otif = g.Count(m => m.OnTime && m.InFull),
            WithRequestedDate = g.Count(m => m.Requested != null),
            OnTimeToRequested = g.Count(m => m.OnTimeToRequested),
        });
        var orderDays = await orders.GroupBy(o => o.Day).Select(g => new Day
        {
            Date = g.Key,
            Measured = g.Count(),
            OnTime = g.Count(o => o.OnTime == o.Lines),
            InFull = g.Count(o => o.InFull == o.Lines),
            Otif = g.Count(o => o.Otif == o.Lines),
            WithRequestedDate = g.Count(o => o.WithRequestedDate > 0),
            OnTimeToRequested = g.Count(o => o.WithRequestedDate > 0 && o.OnTimeToRequested == o.WithRequestedDate),
        }).ToListAsync(ct);

        var weeks = lineDays.Select(d => d.Date).Concat(orderDays.Select(d => d.Date)).Select(MondayOf).Distinct().Order()
            .Select(monday => new OtifWeek(ISOWeek.GetYear(monday.ToDateTime(TimeOnly.MinValue)), ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue)), monday,
                Sum(lineDays.Where(d => MondayOf(d.Date) == monday)), Sum(orderDays.Where(d => MondayOf(d.Date) == monday))))
            .ToList();
        return new OtifReport(from, to, Sum(lineDays), Sum(orderDays), weeks);
    }

    private IQueryable<MeasuredLine> Measured(OtifFilter filter, DateOnly from, DateOnly to, DateOnly today)
    {
        var lines = PromisedLines.Of(db).Where(l => l.PromisedDate >= from && l.PromisedDate <= to);
        if (filter.CompanyId is { } company)
        {
            lines = lines.Where(l => l.CompanyId == company);
        }

        if (!string.IsNullOrWhiteSpace(filter.Warehouse))
        {
            var warehouse = filter.Warehouse.Trim().ToUpperInvariant();
            var carrying = Carrying(db.Shipments.Where(s => s.WarehouseCode == warehouse));
            lines = lines.Where(l => carrying.Any(x => x.OrderLineId == l.LineId));
        }

        if (!string.IsNullOrWhiteSpace(filter.Carrier))
        {
            var carrier = filter.Carrier.Trim();
            var carrying = Carrying(db.Shipments.Where(s => s.Carrier == carrier));
            lines = lines.Where(l => carrying.Any(x => x.OrderLineId == l.LineId));
        }

        // Each line carries how many arrived and the day the last of them did (Ordering keeps both as shipments are delivered),
        // so the report adds up the period's lines alone rather than every shipment line ever delivered.
        return from l in lines
               where l.PromisedDate < today || l.Delivered >= l.Quantity
               select new MeasuredLine
               {
                   OrderId = l.OrderId, Day = l.PromisedDate, Requested = l.RequestedDate,
                   OnTime = l.LastDeliveredOn != null && l.LastDeliveredOn <= l.PromisedDate,
                   InFull = l.Delivered == l.Quantity,
                   OnTimeToRequested = l.RequestedDate != null && l.LastDeliveredOn != null && l.LastDeliveredOn <= l.RequestedDate,
               };
    }

    /// <summary>
    /// The lines that these shipments, unless cancelled, carry: as one join that the line filter probes by order line, where a shipment's
    /// EXISTS around its lines' EXISTS made PostgreSQL walk every shipment of the carrier for every line (seconds at 10,000 orders).
    /// </summary>
    private static IQueryable<ShipmentLine> Carrying(IQueryable<Shipment> shipments) =>
        shipments.Where(s => s.Status != ShipmentStatus.Cancelled).SelectMany(s => s.Lines);

    private static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static OtifCounts Sum(IEnumerable<Day> days) =>
        days.Aggregate(OtifCounts.None, (sum, d) => sum + new OtifCounts(d.Measured, d.OnTime, d.InFull, d.Otif, d.WithRequestedDate, d.OnTimeToRequested));

    private sealed class MeasuredLine
    {
        public Guid OrderId { get; init; }
        public DateOnly Day { get; init; }
        public DateOnly? Requested { get; init; }
        public bool OnTime { get; init; }
        public bool InFull { get; init; }
        public bool OnTimeToRequested { get; init; }
    }

    private sealed class Day
    {
        public DateOnly Date { get; init; }
        public int Measured { get; init; }
        public int OnTime { get; init; }
        public int InFull { get; init; }
        public int Otif { get; init; }
        public int WithRequestedDate { get; init; }
        public int OnTimeToRequested { get; init; }
    }
}
