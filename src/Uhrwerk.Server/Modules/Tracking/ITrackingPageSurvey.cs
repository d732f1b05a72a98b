using Microsoft.AspNetCore.Components;

namespace Uhrwerk.Server.Modules.Tracking;

/// <summary>
/// The public tracking page's place for asking the recipient how a delivery went. Feedback fills it with its survey
/// question, so the page asks without Tracking knowing surveys and without depending on the module that hears its events.
/// </summary>
public interface ITrackingPageSurvey
{
    /// <summary>
    /// What the page of this delivered shipment shows to ask about it, or null when there is nothing to ask. The page opens
    /// without signing in, so what it shows names no person and no company.
    /// </summary>
    Task<RenderFragment?> QuestionAsync(Guid shipmentId, CancellationToken ct);
}
