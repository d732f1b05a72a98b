using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Platform.Auth;

internal static class AuthSetup
{
    private const string SmartScheme = "Uhrwerk";

    public static IServiceCollection AddUhrwerkAuth(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<ITenantScope>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddDataProtection().SetApplicationName("Uhrwerk").PersistKeysToDbContext<UhrwerkDbContext>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie, bearer token or API key", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? IdentityConstants.BearerScheme
                : http.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ? ApiKeyAuthenticationHandler.SchemeName
                : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/signin";
            o.AccessDeniedPath = "/forbidden";
            o.Cookie.Name = "uhrwerk.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = SignInSession.Lifetime;
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
        });

        // The periodic security-stamp check rebuilds the cookie's principal; it stays the same session.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = ctx =>
        {
            if (ctx.CurrentPrincipal is { } current && SignInSession.IdOf(current) is { } session && ctx.NewPrincipal?.Identity is ClaimsIdentity identity)
            {
                identity.TryRemoveClaim(identity.FindFirst(SignInSession.ClaimType));
                identity.AddClaim(new Claim(SignInSession.ClaimType, session));
            }

            return Task.CompletedTask;
        });
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        // Endpoints that only ask for a signed-in caller are for people: an API key is a machine and has no "me".
        services.AddAuthorizationBuilder().SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(ClaimTypes.NameIdentifier).Build());
        return services;
    }

    private static Task ApiAware(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
        }
        else
        {
            ctx.Response.Redirect(ctx.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
