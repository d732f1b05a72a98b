using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Notifications.Webhooks;

public sealed record SubscribeRequest([property: Required, StringLength(100)] string Name, [property: Required, StringLength(2000)] string Url, [property: Required] IReadOnlyList<string> EventTypes);

public sealed record SubscriptionResponse(Guid Id, string Name, string Url, IReadOnlyList<string> EventTypes, bool IsActive, string? DisabledReason, string? Secret);

internal static class WebhookEndpoints
{
    public static void Map(RouteGroupBuilder notifications)
    {
        var hooks = notifications.MapGroup("/backoffice/webhooks").RequirePermission(Permission.ManageApiKeys);
        hooks.MapGet("/", List).WithSummary("Webhook subscriptions of machine clients");
        // Deliberately without an idempotency key: a replay would need a second, never deleted copy of the signing secret.
        hooks.MapPost("/", Subscribe).WithSummary("Subscribe a URL to events; the signing secret is shown only in this answer");
    }

    private static async Task<Ok<List<SubscriptionResponse>>> List(UhrwerkDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.Name).Take(200).ToListAsync(ct))
            .Select(s => new SubscriptionResponse(s.Id, s.Name, s.Url, s.EventTypes, s.IsActive, s.DisabledReason, null)).ToList());

    private static async Task<Created<SubscriptionResponse>> Subscribe(SubscribeRequest request, OutboundAddressPolicy policy, UhrwerkDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (request.EventTypes.Except(WebhookEvents.All).FirstOrDefault() is { } unknown)
        {
            throw ValidationFailedException.For("eventTypes", T.Format("Webhooks.UnknownEventType", unknown, string.Join(", ", WebhookEvents.All)));
        }

        var subscription = WebhookSubscription.Subscribe(request.Name, await policy.CheckAsync(request.Url, ct), request.EventTypes, clock.GetUtcNow());
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/backoffice/webhooks/{subscription.Id}",
            new SubscriptionResponse(subscription.Id, subscription.Name, subscription.Url, subscription.EventTypes, true, null, subscription.Secret));
    }
}
