using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Inventory;

/// <summary>Puts delivery promises in words for people and gives them a fingerprint, so a page can tell whether the promise it showed still holds.</summary>
public static class PromiseTexts
{
    /// <summary>A reason in the current language, e.g. "Bestellung nach Annahmeschluss 14:00 (Lager MUC)".</summary>
    public static string Describe(PromiseReason reason)
    {
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var text = T.Get($"Promise.{reason.Code}");
        foreach (var (name, value) in reason.Values)
        {
            if (name == "whyEn")
            {
                continue;
            }

            var shown = name == "why" && english ? reason.Values.GetValueOrDefault("whyEn", value)
                : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? Date(date) : value;
            text = text.Replace("{" + name + "}", shown, StringComparison.Ordinal);
        }

        return text;
    }

    public static string Date(DateOnly date) => date.ToString(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "ddd dd/MM/yyyy" : "ddd, dd.MM.yyyy", CultureInfo.CurrentUICulture);

    /// <summary>Changes whenever a promised date or quantity of either plan changes.</summary>
    public static string Fingerprint(IEnumerable<LinePromise> promises)
    {
        var text = string.Join('|', promises.Select(p => $"{p.Sku}:{Plan(p.Complete)}/{(p.Partial is { } partial ? Plan(partial) : "-")}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

        static string Plan(DeliveryPlan plan) => string.Join(',', plan.Parts.Select(part => string.Create(CultureInfo.InvariantCulture, $"{part.Quantity}@{part.DeliveryDate:yyyy-MM-dd}")));
    }
}
