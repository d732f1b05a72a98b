using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Feedback.Analytics;
using Uhrwerk.Server.Modules.Feedback.Domain;

namespace Uhrwerk.Server.Platform.Data;

public partial class UhrwerkDbContext
{
    public DbSet<SurveyInvitation> SurveyInvitations => Set<SurveyInvitation>();

    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();

    public DbSet<FeedbackDailyScore> FeedbackDailyScores => Set<FeedbackDailyScore>();

    // Answers and sent invitations are counted into the daily scores with the save that adds them (see FeedbackRollup).
    private partial (string Sql, object[] Parameters)? RollupOfPendingChanges() => FeedbackRollup.Pending(this);
}
