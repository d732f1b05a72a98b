using System.Globalization;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Ordering.Portal;

/// <summary>What the ordering pages share: findings in the reader's language, and order lines read from a posted form.</summary>
internal static class OrderPortal
{
    public static string Describe(IReadOnlyList<BudgetFinding> findings) => OrderDesk.Describe(findings, english: LocalizationSetup.Current == "en");

    /// <summary>Lines posted as "qty:{sku}" fields; zero or empty drops a line, and "add-sku"/"add-quantity" adds one.</summary>
    public static IReadOnlyList<LineRequest> Lines(HttpContext http)
    {
        var form = http.Request.Form;
        var lines = form.Keys.Where(k => k.StartsWith("qty:", StringComparison.Ordinal))
            .Select(k => (Sku: k[4..], Text: form[k].ToString()))
            .Where(l => l.Text.Length > 0 && l.Text != "0")
            .Select(l => new LineRequest(l.Sku, int.TryParse(l.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) ? quantity : 0))
            .ToList();
        if (form["add-sku"].ToString() is { Length: > 0 } sku)
        {
            lines.Add(new LineRequest(sku, int.TryParse(form["add-quantity"], NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) ? quantity : 0));
        }

        return lines;
    }

    public static string StatusText(OrderStatus status) => T.Get("OrderStatus." + status);
}
