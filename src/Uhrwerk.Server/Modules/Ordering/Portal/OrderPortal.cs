using System.Globalization;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Ordering.Portal;

/// <summary>What the ordering pages share: findings in the reader's language, and order lines read from a posted form.</summary>
internal static class OrderPortal
{
    /// <summary>Which budget rules an order breaks and by how much: pieces for the quantity rule, euros for the others.</summary>
    public static string Describe(IReadOnlyList<BudgetFinding> findings) => string.Join("; ", findings.Select(f =>
    {
        Func<decimal, string> show = f.Rule == BudgetRule.MaxQuantityPerOrder ? n => n.ToString("N0", CultureInfo.CurrentCulture) : Euro.Format;
        return T.Format("Budget.Finding." + f.Rule, show(f.Actual), show(f.Limit), show(f.Excess));
    }));

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
