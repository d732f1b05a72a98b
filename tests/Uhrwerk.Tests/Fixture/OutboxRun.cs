using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Tests;

/// <summary>Does what the outbox worker does, for specs that run without it and want to see the effects.</summary>
internal static class OutboxRun
{
    /// <summary>Hands out every committed event, then lets <paramref name="handler"/> handle all it has due; returns how many it handled.</summary>
    public static async Task<int> HandleAllAsync(this IServiceProvider scope, string handler)
    {
        var outbox = scope.GetRequiredService<OutboxDispatcher>();
        while (await outbox.HandOutAsync(CancellationToken.None) > 0)
        {
        }

        var handled = 0;
        while (await outbox.HandleNextAsync(handler, CancellationToken.None))
        {
            handled++;
        }

        return handled;
    }
}
