using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;

namespace Uhrwerk.Server.Platform.Localization;

/// <summary>Marker type for the shared texts in Texts.resx (German) and Texts.en.resx.</summary>
public sealed class Texts;

internal static class LocalizationSetup
{
    public static readonly string[] Cultures = ["de", "en"];

    public static IServiceCollection AddUhrwerkLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture("de").AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
            o.ApplyCurrentCultureToResponseHeaders = true;
            // Cookie (the portal's switch) wins over the browser's Accept-Language; no query string, so links stay clean.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    public static WebApplication UseUhrwerkLocalization(this WebApplication app)
    {
        app.UseRequestLocalization();
        app.MapGet("/culture/{culture}", SwitchCulture).ExcludeFromDescription();
        return app;
    }

    private static Results<ProblemHttpResult, RedirectHttpResult> SwitchCulture(string culture, string? returnUrl, HttpContext http)
    {
        if (!Cultures.Contains(culture))
        {
            return TypedResults.Problem(statusCode: 400, title: T.Get("Problem.BadRequest"), detail: T.Get("Problem.UnsupportedLanguage"));
        }

        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true });
        return TypedResults.LocalRedirect(LocalUrl.OrHome(returnUrl));
    }

    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "de";
}
