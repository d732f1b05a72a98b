using System.Globalization;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Modules.Inventory;

namespace Uhrwerk.Server.Modules.Inventory.Domain;

public sealed record WarehouseProfile(
    string Code, string Name, GermanState State, string TimeZoneId, TimeOnly CutOff, int HandlingDays, IReadOnlySet<DateOnly> CompanyHolidays,
    LocalHolidays LocalHolidays = LocalHolidays.None);

// One lot the line could be served from: stock on hand now (ArrivesOn null) or an expected inbound receipt not yet promised to anybody.
public sealed record SupplyLot(string WarehouseCode, int Quantity, DateOnly? ArrivesOn, Guid? ReceiptId);

// The fastest carrier for this destination from this warehouse, resolved by the caller from the transit table.
public sealed record Transit(string Carrier, int Days);

// Destination: where the goods are delivered, whose working days the transit counts; null abroad or where the postal code is unknown.
public sealed record PromiseInput(
    string Sku, int Quantity, DateOnly? RequestedDate, IReadOnlyList<SupplyLot> Supply, IReadOnlyDictionary<string, Transit> TransitByWarehouse, int FallbackLeadDays,
    PostalArea? Destination = null);

/// <summary>
/// Available-to-promise for one order line: the earliest date the whole quantity can be at the customer, and,
/// when some of it could come sooner, a partial plan. Every part ships as late as still arrives on its delivery
/// date, so stock is not tied up in transit or at the customer before the date promised.
/// The reasons always explain how the promised date came about (the part that arrives last); the caller decides
/// when to show them.
/// Transit days are working days at the destination, so a parcel is never delivered on a weekend or on a public
/// holiday of the destination's state and community.
/// </summary>
public static class DeliveryPromising
{
    public static LinePromise Promise(PromiseInput input, IReadOnlyDictionary<string, WarehouseProfile> warehouses, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(input.Quantity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(input.FallbackLeadDays);

        var deliveryDays = WorkingCalendar.DeliveryDaysAt(input.Destination);
        var candidates = Candidates(input, warehouses, deliveryDays, now);
        var taken = Take(candidates, input.Quantity);
        var missing = input.Quantity - taken.Sum(a => a.Quantity);
        // The dates a customer sees are business days in Germany's time zone, whichever warehouse serves them.
        var today = DateOnly.FromDateTime(BerlinTime.ToLocal(now).DateTime);
        DateOnly? backorderDate = missing > 0 ? deliveryDays.AddWorkingDays(today, input.FallbackLeadDays) : null;
        var earliest = taken.Select(a => a.Candidate.DeliveryDate).Concat(backorderDate is { } b ? [b] : []).Max();

        // Nobody delivers on weekends and holidays at the destination, so a wish for such a day means the next working day.
        DateOnly? wished = input.RequestedDate is { } asked ? deliveryDays.OnOrAfter(asked) : null;
        var promised = wished is { } w && w > earliest ? w : earliest;
        DateOnly NotBeforeWish(DateOnly date) => wished is { } wish && wish > date ? wish : date;

        var oneWarehouse = taken.Select(a => a.Candidate.Site).Distinct().Count() > 1 ? SingleWarehouse(candidates, input.Quantity, earliest) : null;
        var completeParts = (oneWarehouse ?? taken).Select(a => a.Part(promised));
        var partialParts = taken.Select(a => a.Part(NotBeforeWish(a.Candidate.DeliveryDate)));
        if (backorderDate is { } backorderOn)
        {
            completeParts = completeParts.Append(Backorder(missing, promised));
            partialParts = partialParts.Append(Backorder(missing, NotBeforeWish(backorderOn)));
        }

        var complete = new DeliveryPlan(PlanKind.Complete, Merge(completeParts));
        var partial = new DeliveryPlan(PlanKind.Partial, Merge(partialParts));
        return new LinePromise(
            input.Sku,
            input.Quantity,
            input.RequestedDate,
            complete,
            partial.FirstDeliveryDate < partial.DeliveryDate ? partial : null,
            Reasons(input, candidates, taken, oneWarehouse, missing, earliest, wished, promised, deliveryDays));
    }

    private static List<Candidate> Candidates(PromiseInput input, IReadOnlyDictionary<string, WarehouseProfile> warehouses, WorkingCalendar deliveryDays, DateTimeOffset now)
    {
        var sites = new Dictionary<string, Site>(StringComparer.Ordinal);
        var candidates = new List<Candidate>();
        // Negative on-hand quantities occur after oversells; they only mean there is nothing to promise from that lot.
        foreach (var lot in input.Supply.Where(l => l.Quantity > 0))
        {
            if (!input.TransitByWarehouse.TryGetValue(lot.WarehouseCode, out var transit))
            {
                continue;
            }

            if (!sites.TryGetValue(lot.WarehouseCode, out var site))
            {
                var profile = warehouses.TryGetValue(lot.WarehouseCode, out var known)
                    ? known
                    : throw new ArgumentException($"There is no profile for warehouse '{lot.WarehouseCode}'.", nameof(warehouses));
                site = Site.Open(profile, transit, deliveryDays, now);
                sites.Add(lot.WarehouseCode, site);
            }

            candidates.Add(site.Candidate(lot));
        }

        return candidates
            .OrderBy(c => c.DeliveryDate)
            .ThenBy(c => c.Lot.ArrivesOn is null ? 0 : 1)
            .ThenBy(c => c.Lot.WarehouseCode, StringComparer.Ordinal)
            .ThenBy(c => c.Lot.ArrivesOn)
            .ToList();
    }

    private static List<Allocation> Take(IEnumerable<Candidate> candidates, int quantity)
    {
        var taken = new List<Allocation>();
        var rest = quantity;
        foreach (var candidate in candidates.TakeWhile(_ => rest > 0))
        {
            var quantityTaken = Math.Min(rest, candidate.Lot.Quantity);
            taken.Add(new Allocation(candidate, quantityTaken));
            rest -= quantityTaken;
        }

        return taken;
    }

    private static List<Allocation>? SingleWarehouse(List<Candidate> candidates, int quantity, DateOnly by) =>
        candidates
            .GroupBy(c => c.Lot.WarehouseCode, StringComparer.Ordinal)
            .Select(g => Take(g, quantity))
            .Where(a => a.Sum(x => x.Quantity) == quantity && a.Max(x => x.Candidate.DeliveryDate) <= by)
            .OrderBy(a => a.Max(x => x.Candidate.DeliveryDate))
            .ThenBy(a => a[0].Candidate.Lot.WarehouseCode, StringComparer.Ordinal)
            .FirstOrDefault();

    private static DeliveryPart Backorder(int quantity, DateOnly deliveryDate) => new("", null, quantity, deliveryDate, deliveryDate, "");

    // Several stock lots of one warehouse leave in the same parcel, so they are one part.
    private static List<DeliveryPart> Merge(IEnumerable<DeliveryPart> parts) =>
        parts
            .GroupBy(p => p with { Quantity = 0 })
            .Select(g => g.Key with { Quantity = g.Sum(p => p.Quantity) })
            .OrderBy(p => p.DeliveryDate)
            .ThenBy(p => p.ShipDate)
            .ThenBy(p => p.WarehouseCode, StringComparer.Ordinal)
            .ToList();

    private static List<PromiseReason> Reasons(
        PromiseInput input, List<Candidate> candidates, List<Allocation> taken, List<Allocation>? oneWarehouse, int missing, DateOnly earliest, DateOnly? wished, DateOnly promised,
        WorkingCalendar deliveryDays)
    {
        var reasons = new List<PromiseReason>();
        var onHand = candidates.Where(c => c.Lot.ArrivesOn is null).Sum(c => c.Lot.Quantity);
        if (onHand < input.Quantity)
        {
            reasons.Add(Reason("NotEnoughStock", ("available", Number(onHand))));
        }

        // Explain the plan the customer is offered as complete: the single warehouse where one was preferred.
        if ((oneWarehouse?.MaxBy(a => a.Candidate.DeliveryDate) ?? taken.FirstOrDefault(a => a.Candidate.DeliveryDate == earliest)) is { } lastToArrive)
        {
            reasons.AddRange(lastToArrive.Candidate.Explain(lastToArrive.Quantity));
        }

        if (missing > 0)
        {
            reasons.Add(Reason("NoSupply", ("days", Number(input.FallbackLeadDays))));
        }

        if (input.RequestedDate is { } requested)
        {
            if (wished != requested && wished == promised)
            {
                reasons.Add(ClosedDay(requested, deliveryDays));
            }

            if (promised > requested)
            {
                reasons.Add(Reason("LaterThanRequested", ("requested", Iso(requested)), ("promised", Iso(promised))));
            }
        }

        return reasons;
    }

    private static PromiseReason Reason(string code, params (string Key, string Value)[] values) =>
        new(code, values.ToDictionary(v => v.Key, v => v.Value));

    private static PromiseReason ClosedDay(DateOnly day, WorkingCalendar calendar) =>
        Reason("ClosedDay", ("date", Iso(day)), ("why", calendar.WhyClosed(day, english: false) ?? ""), ("whyEn", calendar.WhyClosed(day, english: true) ?? ""));

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Site(
        WarehouseProfile Profile, Transit Transit, WorkingCalendar Calendar, WorkingCalendar DeliveryDays, DateOnly Today, bool AfterCutOff, DateOnly StockShipDate)
    {
        public static Site Open(WarehouseProfile profile, Transit transit, WorkingCalendar deliveryDays, DateTimeOffset now)
        {
            var local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(profile.TimeZoneId)).DateTime;
            var today = DateOnly.FromDateTime(local);
            var calendar = new WorkingCalendar(profile.State, profile.CompanyHolidays, profile.LocalHolidays);
            var open = calendar.IsWorkingDay(today);
            var afterCutOff = open && TimeOnly.FromDateTime(local) >= profile.CutOff;
            var handlingStart = open && !afterCutOff ? today : calendar.NextWorkingDay(today);
            return new Site(profile, transit, calendar, deliveryDays, today, afterCutOff, calendar.AddWorkingDays(handlingStart, profile.HandlingDays));
        }

        public Candidate Candidate(SupplyLot lot)
        {
            var shipDate = StockShipDate;
            var waitsForStockHandling = true;
            if (lot.ArrivesOn is { } arrival)
            {
                // Goods are received on their arrival day and handled from the next working day on.
                var inboundShipDate = Calendar.AddWorkingDays(Calendar.NextWorkingDay(arrival), Profile.HandlingDays);
                waitsForStockHandling = inboundShipDate <= StockShipDate;
                shipDate = waitsForStockHandling ? StockShipDate : inboundShipDate;
            }

            return new Candidate(this, lot, shipDate, DeliveryDays.AddWorkingDays(shipDate, Transit.Days), waitsForStockHandling);
        }
    }

    private sealed record Candidate(Site Site, SupplyLot Lot, DateOnly ShipDate, DateOnly DeliveryDate, bool WaitsForStockHandling)
    {
        public DateOnly ShipDateFor(DateOnly deliveryDate)
        {
            var shipDate = ShipDate;
            while (Site.Calendar.NextWorkingDay(shipDate) is var later && Site.DeliveryDays.AddWorkingDays(later, Site.Transit.Days) <= deliveryDate)
            {
                shipDate = later;
            }

            return shipDate;
        }

        public IEnumerable<PromiseReason> Explain(int quantity)
        {
            var warehouse = Site.Profile;
            if (Lot.ArrivesOn is { } arrival)
            {
                yield return Reason("FromInbound", ("warehouse", warehouse.Code), ("arrivesOn", Iso(arrival)), ("quantity", Number(quantity)));
            }

            if (WaitsForStockHandling && Site.AfterCutOff)
            {
                yield return Reason("AfterCutOff", ("warehouse", warehouse.Code), ("cutOff", warehouse.CutOff.ToString("HH:mm", CultureInfo.InvariantCulture)));
            }

            // Weekends explain themselves; only holidays and company closing days are worth naming.
            var from = WaitsForStockHandling ? Site.Today : Lot.ArrivesOn!.Value.AddDays(1);
            for (var day = from; day <= DeliveryDate; day = day.AddDays(1))
            {
                var calendar = day <= ShipDate ? Site.Calendar : Site.DeliveryDays;
                if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !calendar.IsWorkingDay(day))
                {
                    yield return ClosedDay(day, calendar);
                }
            }

            if (warehouse.HandlingDays > 0)
            {
                yield return Reason("HandlingDays", ("days", Number(warehouse.HandlingDays)));
            }

            yield return Reason("TransitDays", ("days", Number(Site.Transit.Days)), ("carrier", Site.Transit.Carrier));
        }
    }

    private sealed record Allocation(Candidate Candidate, int Quantity)
    {
        public DeliveryPart Part(DateOnly deliveryDate) =>
            new(Candidate.Lot.WarehouseCode, Candidate.Lot.ReceiptId, Quantity, Candidate.ShipDateFor(deliveryDate), deliveryDate, Candidate.Site.Transit.Carrier);
    }
}
