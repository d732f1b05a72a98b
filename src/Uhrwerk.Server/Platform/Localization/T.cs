using System.Globalization;
using System.Resources;

namespace Uhrwerk.Server.Platform.Localization;

/// <summary>Texts in the request's language (German default) from Texts.resx / Texts.en.resx.</summary>
public static class T
{
    private static readonly ResourceManager Resources = new("Uhrwerk.Server.Platform.Localization.Texts", typeof(Texts).Assembly);

    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    public static string Format(string key, params object[] args) => string.Format(CultureInfo.CurrentCulture, Get(key), args);

    /// <summary>A text in someone else's language, e.g. a message's recipient, with numbers and dates in their culture.</summary>
    public static string Format(CultureInfo culture, string key, params object[] args) => string.Format(culture, Resources.GetString(key, culture) ?? key, args);
}
