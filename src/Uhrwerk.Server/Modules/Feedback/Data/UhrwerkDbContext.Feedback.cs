using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Feedback.Domain;

namespace Uhrwerk.Server.Platform.Data;

public partial class UhrwerkDbContext
{
    public DbSet<SurveyInvitation> SurveyInvitations => Set<SurveyInvitation>();

    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();
}
