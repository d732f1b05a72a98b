using System.Net;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Platform.Telemetry;

/// <summary>
/// OpenTelemetry traces and metrics, pushed over OTLP when <c>Telemetry:Otlp:Endpoint</c> is set and offered
/// for scraping at <c>/metrics</c> when <c>Telemetry:Prometheus:Enabled</c> is on. Both off registers nothing,
/// so an instance without them pays only for the meters' unobserved instruments.
/// </summary>
public static class TelemetrySetup
{
    public const string ScrapePath = "/metrics";

    public static IServiceCollection AddUhrwerkTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Telemetry").Get<TelemetryOptions>() ?? new();
        services.AddSingleton(options);
        if (!options.IsOn)
        {
            return services;
        }

        services.AddSingleton<UhrwerkGauges>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("Uhrwerk"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(DatabaseRoundTrips.Meter.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation();
                if (options.Prometheus.Enabled)
                {
                    // Every scrape sees the latest figures; a scraper polls every few seconds at most.
                    metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                }
            });
        if (options.Otlp.Endpoint is { } endpoint)
        {
            // Traces are only of use where they are collected, so without OTLP no span is recorded.
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(ScrapePath))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql())
                .UseOtlpExporter(options.Otlp.Protocol, endpoint);
        }

        return services;
    }

    /// <summary>Starts the gauges and, when enabled, answers scrapes at <c>/metrics</c>; elsewhere that path is not found.</summary>
    public static IApplicationBuilder UseUhrwerkTelemetry(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<TelemetryOptions>();
        if (!options.IsOn)
        {
            return app;
        }

        app.ApplicationServices.GetRequiredService<UhrwerkGauges>();
        if (options.Prometheus.Enabled)
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(http => http.Request.Path == ScrapePath && MayScrape(http, options.Prometheus));
        }

        return app;
    }

    /// <summary>
    /// A reverse proxy on the same machine would make every visitor look local, so a forwarded request
    /// counts as remote even when it arrives from loopback.
    /// </summary>
    private static bool MayScrape(HttpContext http, PrometheusSettings settings) =>
        settings.AllowRemote
        || (http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
            && !http.Request.Headers.ContainsKey("X-Forwarded-For") && !http.Request.Headers.ContainsKey("Forwarded"));
}
