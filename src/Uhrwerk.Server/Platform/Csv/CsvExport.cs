using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Uhrwerk.Server.Platform.Csv;

/// <summary>
/// Writes exports that people open in spreadsheets. A cell that starts with = + - @, a tab or a carriage return is prefixed
/// with ' (CsvHelper's injection escape), so text a customer typed never runs as a formula; that makes negative numbers text too,
/// which a spreadsheet still shows as the number.
/// </summary>
public static class CsvExport
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };

    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, Configuration))
        {
            foreach (var row in rows.Prepend(header))
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell);
                }

                csv.NextRecord();
            }
        }

        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
    }
}
