using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.DemoData;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Accounts.Identity;

namespace Uhrwerk.Tests.Accounts;

public abstract class SelfActivationSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    [Fact]
    public async Task Valid_data_creates_the_company_and_main_contact_and_sends_a_single_use_set_password_link()
    {
        var visitor = Visitor("198.51.100.1");
        const string email = "chefin@hoffmann-praezision.example";

        var response = await Activate(visitor, DemoLogins.ToActivate.CustomerNumber, DemoLogins.ToActivateInvoice, email);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var company = await InScopeAsync(db => db.Companies.SingleAsync(c => c.CustomerNumber == DemoLogins.ToActivate.CustomerNumber));
        var mainContact = await InScopeAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.Equal(company.Id, mainContact.CompanyId);
        Assert.Equal(mainContact.Id, company.MainContactUserId);
        var roles = await InScopeAsync(db => db.CompanyRoles.Where(r => r.CompanyId == company.Id).ToListAsync());
        Assert.Equal(Enum.GetValues<PredefinedRole>().Length, roles.Count);
        Assert.Equal(PredefinedRole.Administrator, roles.Single(r => r.Id == mainContact.RoleIds.Single()).Predefined);
        Assert.Contains(await InScopeAsync(db => db.Outbox.Select(m => m.Type).ToListAsync()), t => t == "CompanyChanged");

        var link = QueryOf(await LinkSentToAsync(email));
        var set = await visitor.PostAsJsonAsync("/api/v1/account/password", new { userId = link["user"], token = link["token"], password = NewPassword });
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        var me = await (await SignInAsync(email, NewPassword)).GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/me");
        Assert.Equal(company.Id.ToString(), me.GetProperty("companyId").GetString());

        var again = await visitor.PostAsJsonAsync("/api/v1/account/password", new { userId = link["user"], token = link["token"], password = NewPassword + "!" });
        await ProblemOf(again, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Every_kind_of_wrong_data_gets_the_same_generic_answer()
    {
        await ErpCustomerAsync("T-NOCC", mayUse: false, invoice: "RE-T-NOCC");
        var visitor = Visitor("198.51.100.2");
        var company = CompanyA.CustomerNumber;
        var attempts = new[]
        {
            ("99999", "RE-2026-004711", "a@b.example"),                           // unknown customer
            (DemoLogins.ToActivate.CustomerNumber, "RE-NOPE", "a@b.example"),      // unknown invoice
            (DemoLogins.ToActivate.CustomerNumber, $"RE-2026-{company}-1", "a@b.example"), // invoice of another customer
            ("T-NOCC", "RE-T-NOCC", "a@b.example"),                                // customer may not use the center
            (DemoLogins.ToActivate.CustomerNumber, DemoLogins.ToActivateInvoice, "not-an-address"),
        };

        var answers = new List<(HttpStatusCode, string?)>();
        foreach (var (customer, invoice, email) in attempts)
        {
            var problem = await ProblemOf(await Activate(visitor, customer, invoice, email), HttpStatusCode.UnprocessableEntity);
            answers.Add((HttpStatusCode.UnprocessableEntity, problem.GetProperty("detail").GetString()));
        }

        Assert.Single(answers.Distinct());
        Assert.False(await InScopeAsync(db => db.Companies.AnyAsync(c => c.CustomerNumber == "T-NOCC")));
        Assert.False(await InScopeAsync(db => db.Users.AnyAsync(u => u.Email == "a@b.example")));
    }

    [Fact]
    public async Task Attempts_are_rate_limited_per_ip_and_per_customer_number()
    {
        var fromOneIp = Visitor("198.51.100.3");
        for (var i = 0; i < 10; i++)
        {
            await ProblemOf(await Activate(fromOneIp, $"X{i}", "RE-X", "x@y.example"), HttpStatusCode.UnprocessableEntity);
        }

        await ProblemOf(await Activate(fromOneIp, "X-next", "RE-X", "x@y.example"), HttpStatusCode.TooManyRequests);

        for (var i = 0; i < 5; i++)
        {
            await ProblemOf(await Activate(Visitor($"203.0.113.{i + 1}"), "T-TARGET", "RE-WRONG", "x@y.example"), HttpStatusCode.UnprocessableEntity);
        }

        await ProblemOf(await Activate(Visitor("203.0.113.99"), "T-TARGET", "RE-WRONG", "x@y.example"), HttpStatusCode.TooManyRequests);

        Factory.Clock.Advance(TimeSpan.FromMinutes(61));
        await ProblemOf(await Activate(fromOneIp, "X-later", "RE-X", "x@y.example"), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task An_active_company_cannot_be_activated_twice()
    {
        var problem = await ProblemOf(await Activate(Visitor("198.51.100.4"), CompanyA.CustomerNumber, $"RE-2026-{CompanyA.CustomerNumber}-1", "neu@mueller.example"), HttpStatusCode.Conflict);

        Assert.Equal("AlreadyActive", problem.GetProperty("code").GetString());
        Assert.Contains("Hauptansprechpartner", problem.GetProperty("detail").GetString());
        Assert.False(await InScopeAsync(db => db.Users.AnyAsync(u => u.Email == "neu@mueller.example")));
    }

    [Fact]
    public async Task Common_and_short_passwords_are_refused_and_long_passphrases_accepted()
    {
        await ErpCustomerAsync("T-PASS", mayUse: true, invoice: "RE-T-PASS", knownContact: "pw@pass.example");
        var visitor = Visitor("198.51.100.6");
        Assert.Equal(HttpStatusCode.Accepted, (await Activate(visitor, "T-PASS", "RE-T-PASS", "pw@pass.example")).StatusCode);
        var link = QueryOf(await LinkSentToAsync("pw@pass.example"));

        foreach (var weak in new[] { "kurz", "password123", "passwort1" })
        {
            var problem = await ProblemOf(await visitor.PostAsJsonAsync("/api/v1/account/password", new { userId = link["user"], token = link["token"], password = weak }), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
        }

        var passphrase = "Der frühe Vogel fängt den Wurm, aber die zweite Maus bekommt den Käse, 2026";
        Assert.Equal(HttpStatusCode.NoContent, (await visitor.PostAsJsonAsync("/api/v1/account/password", new { userId = link["user"], token = link["token"], password = passphrase })).StatusCode);
    }
}

public sealed class SelfActivationOnSqlite(SqliteFactory f) : SelfActivationSpec(f), IClassFixture<SqliteFactory>;

public sealed class SelfActivationOnPostgres(PostgresFactory f) : SelfActivationSpec(f), IClassFixture<PostgresFactory>;

/// <summary>Identity's link tokens read the system clock, so expiry is shown with a one-second lifetime.</summary>
public sealed class SetPasswordLinkExpiry(SetPasswordLinkExpiry.ShortLinks f) : IntegrationTest(f), IClassFixture<SetPasswordLinkExpiry.ShortLinks>
{
    public sealed class ShortLinks : SqliteFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["AccountLinks:TokenLifespan"] = "00:00:01" };
    }

    [Fact]
    public async Task A_set_password_link_expires()
    {
        await ErpCustomerAsync("T-EXPIRE", mayUse: true, invoice: "RE-T-EXPIRE", knownContact: "spaet@expire.example");
        var visitor = Visitor("198.51.100.5");
        Assert.Equal(HttpStatusCode.Accepted, (await Activate(visitor, "T-EXPIRE", "RE-T-EXPIRE", "spaet@expire.example")).StatusCode);
        var link = QueryOf(await LinkSentToAsync("spaet@expire.example"));

        await LinkExpiredAsync(link);
        var response = await visitor.PostAsJsonAsync("/api/v1/account/password", new { userId = link["user"], token = link["token"], password = NewPassword });

        await ProblemOf(response, HttpStatusCode.Conflict);
    }

    /// <summary>Asks Identity, without using the link, until it calls the token expired.</summary>
    private async Task LinkExpiredAsync(Dictionary<string, string> link)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (await StillValidAsync())
        {
            Assert.True(DateTime.UtcNow < until, "The one-second link was still valid after 30 s.");
            await Task.Delay(100);
        }

        async Task<bool> StillValidAsync()
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var user = await users.FindByIdAsync(link["user"]) ?? throw new InvalidOperationException("The link names no user.");
            return await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<UserAccount>.ResetPasswordTokenPurpose, link["token"]);
        }
    }
}
