using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Modules.Tracking;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Feedback.TrackingPage;

/// <summary>
/// The delivery survey's question on the shipment's public tracking page: whoever holds the tracking link may answer for the
/// delivery, so the page offers the 0–10 scale leading to the survey of that shipment while it is open (not answered, not expired).
/// </summary>
internal sealed class TrackingPageQuestion(UhrwerkDbContext db, TimeProvider clock) : ITrackingPageSurvey
{
    public async Task<RenderFragment?> QuestionAsync(Guid shipmentId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // The page opens without signing in, so no company filter applies; the shipment's own token already led here.
        var token = await db.SurveyInvitations.IgnoreQueryFilters().AsNoTracking()
            .Where(i => i.ShipmentId == shipmentId && i.Kind == SurveyKind.Delivery && i.AnsweredAt == null && i.ExpiresAt > now)
            .Select(i => i.Token).FirstOrDefaultAsync(ct);
        return token is null ? null : builder =>
        {
            builder.OpenComponent<SurveyQuestion>(0);
            builder.AddComponentParameter(1, nameof(SurveyQuestion.Token), token);
            builder.CloseComponent();
        };
    }
}
