using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Modules.Notifications.Domain;

namespace Uhrwerk.Server.Modules.Notifications.Dispatching;

public sealed class DispatcherOptions
{
    public bool Enabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    public int BatchSize { get; set; } = 200;
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    public RetryPolicy Retry { get; set; } = new();
}
