using Uhrwerk.Server.Modules.Fulfillment.Events;
using Uhrwerk.Server.Modules.Tracking.Branding;
using Uhrwerk.Server.Modules.Tracking.Events;
using Uhrwerk.Server.Modules.Tracking.PublicPage;
using Uhrwerk.Server.Modules.Tracking.RecordScans;
using Uhrwerk.Server.Modules.Tracking.Scorecard;
using Uhrwerk.Server.Modules.Tracking.StartTracking;
using Uhrwerk.Server.Modules.Tracking.WatchDelays;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Tracking;

internal static class TrackingModule
{
    public static IServiceCollection AddTracking(this IServiceCollection services)
    {
        services.AddScoped<TrackingLedger>();
        services.AddEventHandler<ShipmentShipped, TrackShippedShipments>(TrackShippedShipments.Handler);
        services.AddOptions<DelayWatchOptions>().BindConfiguration("Tracking:DelayWatch");
        services.AddScoped<DelayWatch>();
        services.AddEventHandler<TrackingStarted, WatchTrackedShipments>(WatchTrackedShipments.Handler);
        services.AddEventHandler<TrackingUpdated, WatchTrackedShipments>(WatchTrackedShipments.Handler);
        services.AddHostedService<DelayWatchWorker>();
        services.AddScoped<CarrierScorecards>();
        services.AddTrackingPages();
        return services;
    }

    public static RouteGroupBuilder MapTracking(this RouteGroupBuilder api)
    {
        WatchListEndpoints.Map(api.MapGroup("").WithTags("Tracking"));
        ScorecardEndpoints.Map(api);
        BrandingAssets.MapBackoffice(api);
        return api;
    }

    /// <summary>What opens without signing in: the branding's logo and colours (the pages themselves are portal pages).</summary>
    public static WebApplication MapTrackingPublic(this WebApplication app)
    {
        BrandingAssets.MapAssets(app);
        return app;
    }
}
