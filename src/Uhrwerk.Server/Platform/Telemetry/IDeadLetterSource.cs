using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Platform.Telemetry;

/// <summary>Somewhere work gives up until staff step in; the <c>uhrwerk.dead_letters</c> gauge adds them up by <see cref="Kind"/>.</summary>
public interface IDeadLetterSource
{
    string Kind { get; }

    /// <summary>Synchronous because gauges are read inside the metrics collection, which has no async callback.</summary>
    int Count(UhrwerkDbContext db);
}
