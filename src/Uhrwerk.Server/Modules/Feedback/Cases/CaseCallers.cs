using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Feedback.Cases;

/// <summary>
/// Who the caller is for cases: staff who work on cases see all of them; a partner's user only their partner's; anyone else none.
/// Every case endpoint, staff's and partners', asks here, so the partner scope is decided once.
/// </summary>
internal sealed class CaseCallers(UhrwerkDbContext db, CurrentUser current)
{
    public async Task<(CaseActor? Actor, CaseScope Scope)> ResolveAsync(CancellationToken ct)
    {
        if (current.UserId is not { } userId)
        {
            return (null, CaseScope.Nothing);
        }

        if (current.Has(Permission.WorkFeedbackCases))
        {
            return (new CaseActor(userId, current.DisplayName, null), CaseScope.Staff);
        }

        if (current.Has(Permission.HandleFeedbackCases)
            && await db.PartnerMembers.AsNoTracking().Where(m => m.UserId == userId)
                .Join(db.Partners.Where(p => p.IsActive), m => m.PartnerId, p => p.Id, (m, p) => (Guid?)p.Id).SingleOrDefaultAsync(ct) is { } partnerId)
        {
            return (new CaseActor(userId, current.DisplayName, partnerId), CaseScope.OfPartner(partnerId));
        }

        return (null, CaseScope.Nothing);
    }
}
