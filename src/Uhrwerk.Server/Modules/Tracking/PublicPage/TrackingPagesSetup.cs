using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Uhrwerk.Server.Modules.Ordering;
using Uhrwerk.Server.Modules.Tracking.Branding;

namespace Uhrwerk.Server.Modules.Tracking.PublicPage;

internal static class TrackingPagesSetup
{
    /// <summary>The rate limit of the pages that open with a token and without signing in: per address, so guessing tokens is slow.</summary>
    public const string RateLimit = "public-token-pages";

    public static IServiceCollection AddTrackingPages(this IServiceCollection services)
    {
        services.AddOptions<TrackingPageOptions>().BindConfiguration("Tracking:PublicPage");
        services.AddMemoryCache();
        services.AddScoped<TrackingPages>();
        services.AddScoped<IOrderTracking>(sp => sp.GetRequiredService<TrackingPages>());
        services.AddScoped<BrandingDesk>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimit, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<TrackingPageOptions>>().Value.RequestsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "", _ =>
                    new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });
        return services;
    }
}
