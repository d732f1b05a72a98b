namespace Uhrwerk.Server.Modules.Fulfillment.Otif;

/// <summary>A delivery of (part of) an order line: this many arrived on that Berlin business day.</summary>
public sealed record LineDelivered(int Quantity, DateOnly DeliveredOn);

/// <summary>
/// What on-time-in-full measures of one line: the ordered quantity, the date promised when the order was placed, the date the
/// customer asked for (if any), how many arrived and the day the last of them arrived (for a line delivered in full, the
/// delivery that completed it).
/// </summary>
public sealed record LineFacts(int Ordered, DateOnly Promised, DateOnly? Requested, int Delivered, DateOnly? LastDeliveredOn)
{
    public static LineFacts Of(int ordered, DateOnly promised, DateOnly? requested, IEnumerable<LineDelivered> deliveries)
    {
        var arrived = deliveries.ToList();
        return new LineFacts(ordered, promised, requested, arrived.Sum(d => d.Quantity), arrived.Count == 0 ? null : arrived.Max(d => d.DeliveredOn));
    }
}

/// <param name="OnTimeToRequested">Measured against the customer's requested date instead; null when the order named none.</param>
public sealed record LineOtif(bool OnTime, bool? OnTimeToRequested, bool InFull)
{
    public bool Otif => OnTime && InFull;
}

/// <summary>An order is on time, in full or OTIF only if every one of its lines is; its rate is counted, never multiplied from the two rates.</summary>
public sealed record OrderOtif(IReadOnlyList<LineOtif> Lines)
{
    public bool OnTime => Lines.All(l => l.OnTime);
    public bool InFull => Lines.All(l => l.InFull);
    public bool Otif => Lines.All(l => l.Otif);

    /// <summary>Null when no line has a requested date.</summary>
    public bool? OnTimeToRequested => Lines.Any(l => l.OnTimeToRequested is not null) ? Lines.All(l => l.OnTimeToRequested != false) : null;
}

/// <summary>
/// The rule of on-time-in-full. On time: what arrived arrived on or before the promised date (a line nothing arrived of is not on time).
/// In full: the delivered quantity is the ordered quantity. <see cref="OtifReports"/> counts the same rule in SQL.
/// </summary>
public static class OnTimeInFull
{
    public static LineOtif Line(LineFacts line) => new(
        OnTime: line.LastDeliveredOn is { } last && last <= line.Promised,
        OnTimeToRequested: line.Requested is { } requested ? line.LastDeliveredOn is { } arrived && arrived <= requested : null,
        InFull: line.Delivered == line.Ordered);

    public static OrderOtif Order(IEnumerable<LineFacts> lines) => new(lines.Select(Line).ToList());
}
