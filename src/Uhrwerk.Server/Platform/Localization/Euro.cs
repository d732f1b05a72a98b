using System.Globalization;

namespace Uhrwerk.Server.Platform.Localization;

/// <summary>Amounts in EUR as the reader of the page writes them: 1.018,50 € or €1,018.50.</summary>
public static class Euro
{
    public static string Format(decimal amount) =>
        amount.ToString("C2", CultureInfo.GetCultureInfo(LocalizationSetup.Current == "en" ? "en-IE" : "de-DE"));
}
