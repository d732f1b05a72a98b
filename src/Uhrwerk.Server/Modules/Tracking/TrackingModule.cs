using Uhrwerk.Server.Modules.Fulfillment.Events;
using Uhrwerk.Server.Modules.Tracking.Branding;
using Uhrwerk.Server.Modules.Tracking.Carriers;
using Uhrwerk.Server.Modules.Tracking.Delivery;
using Uhrwerk.Server.Modules.Tracking.Events;
using Uhrwerk.Server.Modules.Tracking.Ingest;
using Uhrwerk.Server.Modules.Tracking.PublicPage;
using Uhrwerk.Server.Modules.Tracking.RecordScans;
using Uhrwerk.Server.Modules.Tracking.Scorecard;
using Uhrwerk.Server.Modules.Tracking.Simulator;
using Uhrwerk.Server.Modules.Tracking.StartTracking;
using Uhrwerk.Server.Modules.Tracking.WatchDelays;
using Uhrwerk.Server.Platform.Auth;
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
        services.AddSingleton<ICarrierAdapter, DhlAdapter>();
        services.AddSingleton<ICarrierAdapter, UpsAdapter>();
        services.AddSingleton<ICarrierAdapter, GenericWebhookAdapter>();
        services.AddSingleton<CarrierAdapters>();
        services.AddOptions<TrackingIngestOptions>().BindConfiguration("Tracking");
        services.AddSingleton<CarrierSecrets>();
        services.AddRateLimiter(o => o.AddPolicy<string, CarrierWebhookRateLimit>(CarrierWebhookRateLimit.Name));
        services.AddScoped<CarrierMessageProcessor>();
        services.AddHostedService<CarrierMessageWorker>();
        services.AddScoped<CarrierInbox>();
        services.AddHttpClient<CarrierPollingClient>().AddStandardResilienceHandler();
        services.AddScoped<CarrierPolling>();
        services.AddHostedService<CarrierPollingWorker>();
        services.AddOptions<SimulatorSettings>().BindConfiguration("Tracking:Simulator");
        services.AddHttpClient(nameof(CarrierSimulator));
        services.AddHostedService<CarrierSimulator>();
        services.AddEventHandler<TrackingUpdated, DeliveredByCarrier>(DeliveredByCarrier.Handler);
        return services;
    }

    public static RouteGroupBuilder MapTracking(this RouteGroupBuilder api)
    {
        var tracking = api.MapGroup("").WithTags("Tracking");
        WatchListEndpoints.Map(tracking);
        ScorecardEndpoints.Map(api);
        BrandingAssets.MapBackoffice(api);
        CarrierWebhookEndpoint.Map(tracking);
        CarrierMessageEndpoints.Map(tracking.MapGroup("/backoffice/tracking").RequirePermission(Permission.ManageShipments));
        return api;
    }

    /// <summary>What opens without signing in: the branding's logo and colours (the pages themselves are portal pages).</summary>
    public static WebApplication MapTrackingPublic(this WebApplication app)
    {
        BrandingAssets.MapAssets(app);
        return app;
    }
}
