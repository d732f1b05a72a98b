using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Modules.Feedback.Events;
using Uhrwerk.Server.Modules.Feedback.FollowUp;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Tests.Feedback;

/// <summary>Closing the loop: a resolved case asks the customer who gave the feedback whether it was solved, once.</summary>
public abstract class FollowUpSurveySpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private static readonly TimeSpan Berlin = TimeSpan.FromHours(1);

    /// <summary>Publishes the event as the case module does when its owner resolves a case.</summary>
    private Task ResolveAsync(CaseResolved resolved) => InScopeAsync(db =>
    {
        db.Publish(resolved, resolved.CompanyId, resolved.CaseId);
        return db.SaveChangesAsync();
    });

    private async Task<int> HandleAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.HandleAllAsync(AskWhetherSolved.Handler);
    }

    [Fact]
    public async Task A_resolved_case_asks_its_customer_once_a_working_day_later_even_when_the_event_arrives_twice()
    {
        var companyId = await CompanyIdAsync(CompanyA);
        var customer = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var caseId = Guid.NewGuid();
        var friday = new DateTimeOffset(2026, 12, 4, 10, 30, 0, Berlin);
        var resolved = new CaseResolved(caseId, "FB-2026-000001", companyId, customer, Guid.NewGuid(), friday, "Ersatzteil nachgeliefert");

        await ResolveAsync(resolved);
        await ResolveAsync(resolved);

        Assert.Equal(2, await HandleAsync());
        // The second arrival is a quiet no-op, not a failure that retries until the event goes dead.
        Assert.All(await InScopeAsync(db => db.EventHandlings.AsNoTracking().Where(h => h.Handler == AskWhetherSolved.Handler).ToListAsync()),
            h => Assert.Equal(EventHandlingStatus.Handled, h.Status));
        var followUp = Assert.Single(await InScopeAsync(db => db.SurveyInvitations.AsNoTracking().Where(i => i.CaseId == caseId).ToListAsync()));
        Assert.Equal((SurveyKind.FollowUp, customer, companyId), (followUp.Kind, followUp.UserId, followUp.CompanyId!.Value));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 10, 30, 0, Berlin), followUp.DueAt);
        Assert.True(followUp.ExpiresAt > followUp.DueAt);
        Assert.Null(followUp.SentAt);

        var another = Guid.NewGuid();
        await ResolveAsync(resolved with { CaseId = another, CaseNumber = "FB-2026-000002" });
        await HandleAsync();
        Assert.Equal(customer, (await InScopeAsync(db => db.SurveyInvitations.AsNoTracking().SingleAsync(i => i.CaseId == another))).UserId);
    }
}

public sealed class FollowUpSurveyOnSqlite(SqliteFactory f) : FollowUpSurveySpec(f), IClassFixture<SqliteFactory>;

public sealed class FollowUpSurveyOnPostgres(PostgresFactory f) : FollowUpSurveySpec(f), IClassFixture<PostgresFactory>;
