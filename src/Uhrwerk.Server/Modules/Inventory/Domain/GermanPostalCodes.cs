using System.Globalization;
using System.Reflection;

namespace Uhrwerk.Server.Modules.Inventory.Domain;

/// <summary>Holidays that a state leaves to some of its communities, so that only the postal code tells whether they apply.</summary>
[Flags]
public enum LocalHolidays
{
    None = 0,
    AssumptionDay = 1,
    CorpusChristi = 2,
}

/// <summary>Where a German postal code lies, as far as public holidays go.</summary>
public sealed record PostalArea(GermanState State, LocalHolidays Local);

/// <summary>
/// German postal codes to their state and local holidays, from the tables shipped in <c>PostalCodes/</c>
/// (see docs/adr/0003-delivery-days-of-the-destination.md).
/// </summary>
public static class GermanPostalCodes
{
    private static readonly (int From, GermanState State)[] States = Load("postal-code-states.csv", fields => (Code(fields[0]), Enum.Parse<GermanState>(fields[1])));

    private static readonly (int From, int To, LocalHolidays Holiday)[] Local =
        Load("local-holidays.csv", fields => (Code(fields[0]), Code(fields[1]), Enum.Parse<LocalHolidays>(fields[2])));

    /// <summary>The area of a five-digit postal code; null for anything else and for codes that are not assigned.</summary>
    public static PostalArea? Find(string postalCode)
    {
        var trimmed = postalCode.Trim();
        if (trimmed.Length != 5 || !trimmed.All(char.IsAsciiDigit))
        {
            return null;
        }

        var code = Code(trimmed);
        var row = Array.FindLastIndex(States, s => s.From <= code);
        if (row < 0)
        {
            return null;
        }

        var local = Local.Where(l => l.From <= code && code <= l.To).Aggregate(LocalHolidays.None, (all, l) => all | l.Holiday);
        return new PostalArea(States[row].State, local);
    }

    private static int Code(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    private static T[] Load<T>(string file, Func<string[], T> parse)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Uhrwerk.Server.Modules.Inventory.PostalCodes." + file)
            ?? throw new InvalidOperationException($"The postal code table {file} is not embedded.");
        using var reader = new StreamReader(stream);
        // The first line that is not a comment names the columns.
        return reader.ReadToEnd().Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Skip(1)
            .Select(line => parse(line.Split(';')))
            .ToArray();
    }
}
