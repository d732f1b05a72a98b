using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Inventory.Domain;

/// <summary>
/// A place stock is kept and shipped from. Its working calendar (weekends, the public holidays of
/// its state, company holidays), cut-off time and handling days decide when an order leaves it;
/// its capacity (e.g. pallet places) how much it can hold.
/// </summary>
public sealed class Warehouse
{
    private List<DateOnly> _companyHolidays = [];

    private Warehouse() { }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Street { get; private set; } = "";
    public string PostalCode { get; private set; } = "";
    public string City { get; private set; } = "";
    public string Country { get; private set; } = "DE";
    public GermanState State { get; private set; }
    public string TimeZoneId { get; private set; } = "Europe/Berlin";
    public TimeOnly CutOff { get; private set; }
    public int HandlingDays { get; private set; }
    public decimal Capacity { get; private set; }
    public IReadOnlyList<DateOnly> CompanyHolidays => _companyHolidays;

    public static Warehouse Open(string code, string name, string street, string postalCode, string city, GermanState state, string timeZoneId, TimeOnly cutOff, int handlingDays, decimal capacity)
    {
        var normalised = code.Trim().ToUpperInvariant();
        if (normalised.Length is < 2 or > 10 || !normalised.All(char.IsAsciiLetterOrDigit))
        {
            throw ValidationFailedException.For("code", T.Get("Inventory.WarehouseCode"));
        }

        var warehouse = new Warehouse { Id = Guid.NewGuid(), Code = normalised };
        warehouse.Change(name, street, postalCode, city, state, timeZoneId, cutOff, handlingDays, capacity);
        return warehouse;
    }

    public void Change(string name, string street, string postalCode, string city, GermanState state, string timeZoneId, TimeOnly cutOff, int handlingDays, decimal capacity)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out _))
        {
            throw ValidationFailedException.For("timeZoneId", T.Get("Inventory.TimeZone"));
        }

        if (handlingDays is < 0 or > 30)
        {
            throw ValidationFailedException.For("handlingDays", T.Get("Inventory.HandlingDays"));
        }

        if (capacity <= 0)
        {
            throw ValidationFailedException.For("capacity", T.Get("Inventory.Capacity"));
        }

        (Name, Street, PostalCode, City, State, TimeZoneId, CutOff, HandlingDays, Capacity) = (name.Trim(), street.Trim(), postalCode.Trim(), city.Trim(), state, timeZoneId, cutOff, handlingDays, capacity);
    }

    /// <summary>Days the warehouse is closed besides weekends and public holidays (company holidays, inventory count).</summary>
    public void CloseOn(IEnumerable<DateOnly> days) => _companyHolidays = _companyHolidays.Union(days).Order().ToList();

    public WarehouseProfile Profile() => new(Code, Name, State, TimeZoneId, CutOff, HandlingDays, _companyHolidays.ToHashSet(), CommunityHolidays());

    /// <summary>The holidays its community adds to those of its state, as far as the postal code tells.</summary>
    public LocalHolidays CommunityHolidays() => GermanPostalCodes.Find(PostalCode) is { } area && area.State == State ? area.Local : LocalHolidays.None;
}

/// <summary>How many working days a carrier needs from a warehouse to a country or a postal-code zone of it.</summary>
public sealed class TransitTime
{
    private TransitTime() { }

    public Guid Id { get; private set; }
    public string Carrier { get; private set; } = "";
    public string WarehouseCode { get; private set; } = "";
    public string Country { get; private set; } = "";

    /// <summary>The leading digits of the postal codes this applies to; empty for the whole country.</summary>
    public string PostalPrefix { get; private set; } = "";

    public int Days { get; private set; }

    public static TransitTime Of(string carrier, string warehouseCode, string country, string postalPrefix, int days)
    {
        if (days is < 0 or > 60)
        {
            throw ValidationFailedException.For("days", T.Get("Inventory.TransitDays"));
        }

        if (country.Trim().Length != 2 || !postalPrefix.All(char.IsAsciiDigit))
        {
            throw ValidationFailedException.For("country", T.Get("Inventory.TransitZone"));
        }

        return new TransitTime { Id = Guid.NewGuid(), Carrier = carrier.Trim(), WarehouseCode = warehouseCode, Country = country.Trim().ToUpperInvariant(), PostalPrefix = postalPrefix, Days = days };
    }

    /// <summary>
    /// The fastest carrier from each warehouse to the destination, taking for each carrier the most
    /// specific entry (the longest matching postal prefix, the whole country last).
    /// </summary>
    public static IReadOnlyDictionary<string, Transit> Fastest(IEnumerable<TransitTime> table, string country, string postalCode) =>
        table.Where(t => t.Country == country.ToUpperInvariant() && postalCode.StartsWith(t.PostalPrefix, StringComparison.Ordinal))
            .GroupBy(t => (t.WarehouseCode, t.Carrier))
            .Select(g => g.OrderByDescending(t => t.PostalPrefix.Length).First())
            .GroupBy(t => t.WarehouseCode)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.Days).ThenBy(t => t.Carrier).Select(t => new Transit(t.Carrier, t.Days)).First());
}
