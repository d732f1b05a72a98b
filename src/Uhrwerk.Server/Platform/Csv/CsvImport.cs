using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Uhrwerk.Server.Platform.Csv;

public sealed record ImportError(int Line, string Field, string Message);

public sealed record ImportResult(int Rows, int Created, int Updated, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static ImportResult Failed(int rows, IReadOnlyList<ImportError> errors) => new(rows, 0, 0, errors);
}

/// <summary>
/// Reads a CSV file (comma or semicolon, header row) into rows, collecting every error with
/// its line number. Importers save nothing unless the whole file is free of errors.
/// </summary>
public static class CsvImport
{
    public static List<T> Read<T>(Stream stream, IReadOnlyList<string> requiredColumns, Func<CsvRow, T> parse, List<ImportError> errors, IProgress<int>? progress = null)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
        };
        using var reader = new StreamReader(stream, leaveOpen: true);
        using var csv = new CsvReader(reader, config);
        var rows = new List<T>();
        if (!csv.Read() || !csv.ReadHeader())
        {
            errors.Add(new ImportError(1, "header", Localization.T.Get("Import.Empty")));
            return rows;
        }

        var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToHashSet();
        foreach (var missing in requiredColumns.Where(c => !header.Contains(c)))
        {
            errors.Add(new ImportError(1, missing, Localization.T.Format("Import.ColumnMissing", missing)));
        }

        if (errors.Count > 0)
        {
            return rows;
        }

        while (csv.Read())
        {
            var row = new CsvRow(csv, header, errors);
            var before = errors.Count;
            var parsed = parse(row);
            if (errors.Count == before)
            {
                rows.Add(parsed);
            }

            progress?.Report(row.Line);
        }

        return rows;
    }
}

public sealed class CsvRow(CsvReader csv, IReadOnlySet<string> header, List<ImportError> errors)
{
    public int Line { get; } = csv.Parser.RawRow;

    public string Required(string column, int maxLength = 200)
    {
        var value = Optional(column, maxLength);
        if (string.IsNullOrEmpty(value))
        {
            Error(column, Localization.T.Get("Import.ValueRequired"));
        }

        return value ?? "";
    }

    public string? Optional(string column, int maxLength = 200)
    {
        var value = header.Contains(column) ? csv.GetField(column)?.Trim() : null;
        if (value is { Length: > 0 } && value.Length > maxLength)
        {
            Error(column, Localization.T.Format("Import.TooLong", maxLength));
        }

        if (PlainText.HasControlCharacters(value, allowLineBreaks: false))
        {
            Error(column, Localization.T.Get("Text.ControlCharacters"));
        }

        return string.IsNullOrEmpty(value) ? null : value;
    }

    public decimal Decimal(string column, bool allowZero = true)
    {
        var text = Required(column, 40);
        if (text.Length == 0)
        {
            return 0;
        }

        // Accept both 1234.50 and the German 1234,50.
        if (!decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || value < 0 || (!allowZero && value == 0))
        {
            Error(column, Localization.T.Format(allowZero ? "Import.NotNonNegativeAmount" : "Import.NotPositiveAmount", text));
        }

        return value;
    }

    public int Int(string column, int min = 1)
    {
        var text = Required(column, 20);
        if (text.Length > 0 && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min))
        {
            Error(column, Localization.T.Format("Import.NotWholeNumber", text, min));
            return min;
        }

        return text.Length == 0 ? min : int.Parse(text, CultureInfo.InvariantCulture);
    }

    public bool Bool(string column)
    {
        var text = Required(column, 10).ToLowerInvariant();
        switch (text)
        {
            case "true" or "1" or "yes" or "ja" or "j" or "x":
                return true;
            case "false" or "0" or "no" or "nein" or "n" or "":
                return false;
            default:
                Error(column, Localization.T.Format("Import.NotYesNo", text));
                return false;
        }
    }

    public DateOnly Date(string column)
    {
        var text = Required(column, 20);
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd.MM.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        if (text.Length > 0)
        {
            Error(column, Localization.T.Format("Import.NotDate", text));
        }

        return default;
    }

    public void Error(string column, string message) => errors.Add(new ImportError(Line, column, message));
}
