using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Modules.Feedback.RelationshipSurvey;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Tests.Feedback;

/// <summary>The periodic relationship survey: only those who opted in are asked, once per period, however often and on however many instances the job runs.</summary>
public abstract class RelationshipSurveySpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    /// <summary>Runs the job as that many instances would at the same moment; answers how many they invited together.</summary>
    private async Task<int> RunJobAsync(int instances = 1)
    {
        var runs = Enumerable.Range(0, instances).Select(async _ =>
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<RelationshipSurveys>().InviteAsync(CancellationToken.None);
        });
        return (await Task.WhenAll(runs)).Sum();
    }

    /// <summary>Moves the fake clock into the next quarter, a couple of days after it began (inside its survey window); answers that quarter.</summary>
    private RelationshipPeriod NextQuarter()
    {
        var next = RelationshipPeriod.Of(Factory.Clock.GetUtcNow(), RelationshipInterval.Quarter).NextFirstDay;
        Factory.Clock.SetUtcNow(BerlinTime.StartOf(next).AddDays(2));
        return RelationshipPeriod.Of(Factory.Clock.GetUtcNow(), RelationshipInterval.Quarter);
    }

    private Task<List<SurveyInvitation>> InvitationsOfAsync(Guid userId) =>
        InScopeAsync(db => db.SurveyInvitations.AsNoTracking().Where(i => i.UserId == userId && i.Kind == SurveyKind.Relationship).ToListAsync());

    private static async Task ChooseAsync(HttpClient client, bool optedIn) =>
        Assert.Equal(optedIn, (await JsonAsync(client.PutAsJsonAsync("/api/v1/me/relationship-survey", new { optedIn }), HttpStatusCode.OK)).GetProperty("optedIn").GetBoolean());

    [Fact]
    public async Task Opted_in_users_are_asked_once_per_period_and_the_others_never()
    {
        var keen = await ColleagueAsync(CompanyA, "Rita Relation", [PredefinedRole.Buyer]);
        var silent = await ColleagueAsync(CompanyA, "Stefan Still", [PredefinedRole.Buyer]);
        var changedMind = await ColleagueAsync(CompanyB, "Uwe Umentschieden", [PredefinedRole.Buyer]);
        Assert.False((await JsonAsync(keen.Client.GetAsync("/api/v1/me/relationship-survey"), HttpStatusCode.OK)).GetProperty("optedIn").GetBoolean());
        await ChooseAsync(keen.Client, true);
        await ChooseAsync(changedMind.Client, true);
        await ChooseAsync(changedMind.Client, false);

        var quarter = NextQuarter();
        await RunJobAsync(instances: 2);

        var invitation = Assert.Single(await InvitationsOfAsync(keen.Id));
        Assert.Equal(quarter.Label, invitation.Period);
        Assert.Matches(@"^\d{4}-Q[1-4]$", invitation.Period);
        Assert.Equal(quarter.Start, invitation.DueAt);
        Assert.Equal(await CompanyIdAsync(CompanyA), invitation.CompanyId);
        Assert.Null(invitation.SentAt);
        Assert.Empty(await InvitationsOfAsync(silent.Id));
        Assert.Empty(await InvitationsOfAsync(changedMind.Id));

        // A restart or another run later in the same period asks nobody again.
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await RunJobAsync());
        Assert.Single(await InvitationsOfAsync(keen.Id));

        var following = NextQuarter();
        await RunJobAsync();

        var both = await InvitationsOfAsync(keen.Id);
        Assert.Equal([quarter.Label, following.Label], both.OrderBy(i => i.DueAt).Select(i => i.Period));
        Assert.Empty(await InvitationsOfAsync(silent.Id));
    }

    [Fact]
    public async Task A_job_that_was_down_catches_up_inside_the_window_but_asks_nobody_inactive_nor_after_the_window_closed()
    {
        var late = await ColleagueAsync(CompanyA, "Lars Langschläfer", [PredefinedRole.Buyer]);
        await ChooseAsync(late.Client, true);
        var gone = await ColleagueAsync(CompanyA, "Gesa Gegangen", [PredefinedRole.Buyer]);
        await ChooseAsync(gone.Client, true);
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        Assert.Equal(HttpStatusCode.OK, (await mainContact.PostAsync($"/api/v1/company/users/{gone.Id}/deactivate", null)).StatusCode);
        var quarter = NextQuarter();
        Factory.Clock.Advance(TimeSpan.FromDays(10));

        await RunJobAsync();

        Assert.Equal(quarter.Label, Assert.Single(await InvitationsOfAsync(late.Id)).Period);
        Assert.Empty(await InvitationsOfAsync(gone.Id));

        var tooLate = await ColleagueAsync(CompanyA, "Toni Spät", [PredefinedRole.Buyer]);
        await ChooseAsync(tooLate.Client, true);
        Factory.Clock.SetUtcNow(BerlinTime.StartOf(quarter.NextFirstDay).AddDays(-3));

        await RunJobAsync();

        Assert.Empty(await InvitationsOfAsync(tooLate.Id));
    }

    [Fact]
    public async Task The_main_contact_sees_who_takes_part_and_nobody_else_does()
    {
        var taking = await ColleagueAsync(CompanyA, "Theo Teilnahme", [PredefinedRole.Buyer]);
        var notTaking = await ColleagueAsync(CompanyA, "Nora Nein", [PredefinedRole.Buyer]);
        await ChooseAsync(taking.Client, true);
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));

        var participants = (await JsonAsync(mainContact.GetAsync("/api/v1/company/relationship-survey"), HttpStatusCode.OK)).EnumerateArray()
            .ToDictionary(p => p.GetProperty("userId").GetGuid(), p => p.GetProperty("optedIn").GetBoolean());

        Assert.True(participants[taking.Id]);
        Assert.False(participants[notTaking.Id]);
        var otherAdmin = await ColleagueAsync(CompanyA, "Andrea Admin", [PredefinedRole.Administrator]);
        await ProblemOf(await otherAdmin.Client.GetAsync("/api/v1/company/relationship-survey"), HttpStatusCode.Forbidden);
        var ofB = await SignInAsync(UserOf(CompanyB, PredefinedRole.Administrator));
        var seenByB = (await JsonAsync(ofB.GetAsync("/api/v1/company/relationship-survey"), HttpStatusCode.OK)).EnumerateArray().Select(p => p.GetProperty("userId").GetGuid());
        Assert.DoesNotContain(taking.Id, seenByB);
    }

    [Fact]
    public async Task A_user_opts_in_on_the_portal_page_and_the_main_contact_sees_it_there()
    {
        var person = await ColleagueAsync(CompanyA, "Paula Portal", [PredefinedRole.Buyer]);
        var portal = await SignInWithCookieAsync(person.Email, NewPassword);
        var form = await portal.GetStringAsync("/me/relationship-survey");
        Assert.DoesNotMatch("id=\"opted-in\"[^>]*checked", form);

        var saved = await portal.PostAsync("/me/relationship-survey", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "relationship-survey",
            ["__RequestVerificationToken"] = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value,
            ["OptedIn"] = "true",
        }));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.True((await JsonAsync(person.Client.GetAsync("/api/v1/me/relationship-survey"), HttpStatusCode.OK)).GetProperty("optedIn").GetBoolean());
        var mainContact = await SignInWithCookieAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var overview = WebUtility.HtmlDecode(await mainContact.GetStringAsync("/me/relationship-survey"));
        Assert.Matches($"data-user=\"{person.Id}\"><td>Paula Portal</td><td>ja</td>", overview);
        Assert.DoesNotContain("relationship-participants", await portal.GetStringAsync("/me/relationship-survey"));
    }
}

public sealed class RelationshipSurveyOnSqlite(SqliteFactory f) : RelationshipSurveySpec(f), IClassFixture<SqliteFactory>;

public sealed class RelationshipSurveyOnPostgres(PostgresFactory f) : RelationshipSurveySpec(f), IClassFixture<PostgresFactory>;
