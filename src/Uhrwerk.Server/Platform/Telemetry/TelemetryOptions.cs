using OpenTelemetry.Exporter;

namespace Uhrwerk.Server.Platform.Telemetry;

/// <summary>The <c>Telemetry</c> settings. With neither exporter configured nothing of OpenTelemetry is registered.</summary>
public sealed class TelemetryOptions
{
    public OtlpSettings Otlp { get; set; } = new();

    public PrometheusSettings Prometheus { get; set; } = new();

    public bool IsOn => Otlp.Endpoint is not null || Prometheus.Enabled;
}

/// <summary>Where traces and metrics are pushed, e.g. <c>http://collector:4317</c> (gRPC) or <c>http://collector:4318</c> with <c>HttpProtobuf</c>.</summary>
public sealed class OtlpSettings
{
    public Uri? Endpoint { get; set; }

    public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.Grpc;
}

/// <summary>
/// The scrape endpoint <c>/metrics</c>. It answers only direct loopback callers unless <see cref="AllowRemote"/>
/// is set, which belongs behind a firewall that lets only the Prometheus server through.
/// </summary>
public sealed class PrometheusSettings
{
    public bool Enabled { get; set; }

    public bool AllowRemote { get; set; }
}
