using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.DemoData;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.CommandLine;

namespace Uhrwerk.Tests.Accounts;

public abstract class SignInSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var email = UserOf(CompanyB, PredefinedRole.Approver);
        for (var i = 0; i < 5; i++)
        {
            await ProblemOf(await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email, password = "wrong password " + i }), HttpStatusCode.Unauthorized);
        }

        var locked = await ProblemOf(await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email, password = DemoLogins.Password }), HttpStatusCode.Unauthorized);

        Assert.Contains("15", locked.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_answer()
    {
        var wrong = await ProblemOf(await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = UserOf(CompanyB, PredefinedRole.Buyer), password = "not the password" }), HttpStatusCode.Unauthorized);
        var unknown = await ProblemOf(await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = "nobody@nowhere.example", password = "not the password" }), HttpStatusCode.Unauthorized);

        Assert.Equal(wrong.GetProperty("detail").GetString(), unknown.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_saved_cookie_is_refused_after_sign_out_while_the_users_other_sessions_keep_working()
    {
        var (_, email, bearer) = await ColleagueAsync(CompanyB, "Sina Sitzung", [PredefinedRole.Buyer]);
        var jar = new CookieContainer();
        var browser = await SignInWithCookieAsync(email, NewPassword, jar);
        var otherBrowser = await SignInWithCookieAsync(email, NewPassword);
        var savedCopy = Anonymous();
        savedCopy.DefaultRequestHeaders.Add("Cookie", jar.GetCookieHeader(browser.BaseAddress!));
        Assert.Equal(HttpStatusCode.OK, (await savedCopy.GetAsync("/api/v1/me")).StatusCode);

        var page = await browser.GetStringAsync("/");
        var antiforgery = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signOut = await browser.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await savedCopy.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherBrowser.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Signing_in_through_the_api_takes_as_long_for_an_unknown_address_as_for_a_known_one()
    {
        var (_, email, _) = await ColleagueAsync(CompanyB, "Tim Takt", [PredefinedRole.Buyer]);
        var client = Anonymous();

        await AssertSameWorkAsync(email, async (address, password) =>
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = address, password });
            return response.StatusCode == HttpStatusCode.OK;
        });
    }

    [Fact]
    public async Task Signing_in_through_the_portal_takes_as_long_for_an_unknown_address_as_for_a_known_one()
    {
        var (_, email, _) = await ColleagueAsync(CompanyB, "Tina Takt", [PredefinedRole.Buyer]);
        var browser = Factory.CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(new CookieContainer()));
        var form = await browser.GetStringAsync("/signin");
        var antiforgery = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        await AssertSameWorkAsync(email, async (address, password) =>
        {
            var response = await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "signin",
                ["__RequestVerificationToken"] = antiforgery,
                ["Input.Email"] = address,
                ["Input.Password"] = password,
            }));
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                // Signed in: sign out again through a fresh form so that the next try starts anonymous with a matching token.
                browser = Factory.CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(new CookieContainer()));
                antiforgery = Regex.Match(await browser.GetStringAsync("/signin"), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
                return true;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return false;
        });
    }

    /// <summary>
    /// Compares the median answer time of wrong passwords for a known and for unknown addresses,
    /// interleaved so that a busy machine slows both alike; every third round the right password
    /// resets the failure count so that the account never locks.
    /// </summary>
    private static async Task AssertSameWorkAsync(string knownEmail, Func<string, string, Task<bool>> signIn)
    {
        const int Rounds = 11;
        var known = new List<double>();
        var unknown = new List<double>();
        Assert.False(await signIn($"warm-up-{Guid.NewGuid():N}@nowhere.example", "not the password"));
        Assert.False(await signIn(knownEmail, "not the password"));
        for (var round = 0; round < Rounds; round++)
        {
            unknown.Add(await TimeAsync(() => signIn($"nobody-{Guid.NewGuid():N}@nowhere.example", "not the password")));
            known.Add(await TimeAsync(() => signIn(knownEmail, "not the password")));
            if (round % 3 == 0)
            {
                Assert.True(await signIn(knownEmail, NewPassword));
            }
        }

        var ratio = Median(known) / Median(unknown);
        Assert.True(ratio is > 0.5 and < 2, $"Median for a known address {Median(known):F1} ms, for unknown ones {Median(unknown):F1} ms (ratio {ratio:F2}).");

        static async Task<double> TimeAsync(Func<Task<bool>> attempt)
        {
            var watch = Stopwatch.StartNew();
            Assert.False(await attempt());
            return watch.Elapsed.TotalMilliseconds;
        }

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
    }

    [Fact]
    public async Task The_audit_log_is_append_only()
    {
        var companyA = await CompanyIdAsync(CompanyA);
        await InScopeAsync(db =>
        {
            db.AuditLog.Add(AuditEntry.Record(companyA, null, "Test", "test.recorded", "subject", null, new { Value = 1 }, DateTimeOffset.UtcNow));
            return db.SaveChangesAsync();
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => InScopeAsync(async db =>
        {
            db.AuditLog.Remove(await db.AuditLog.FirstAsync(a => a.Action == "test.recorded"));
            return await db.SaveChangesAsync();
        }));

        Assert.Contains("append-only", error.Message);
    }

    [Fact]
    public async Task The_command_line_import_saves_a_good_file_and_nothing_of_a_bad_one()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        var good = Path.Combine(folder, "contacts.csv");
        var bad = Path.Combine(folder, "bad.csv");
        await File.WriteAllTextAsync(good, $"customer_number;name;email;phone\n{CompanyB.CustomerNumber};Kai Kommandozeile;kai@cli.example;+49 30 1234\n");
        await File.WriteAllTextAsync(bad, $"customer_number;name;email;phone\n{CompanyB.CustomerNumber};Bea Batch;bea@cli.example;\n{CompanyB.CustomerNumber};Ohne Adresse;kein-at-zeichen;\n");
        var environment = (Microsoft.Extensions.Hosting.IHostEnvironment)Factory.Services.GetService(typeof(Microsoft.Extensions.Hosting.IHostEnvironment))!;
        var log = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        Assert.Equal(0, await ImportCommand.RunAsync(Factory.Services, environment, log, ["erp-contacts", good]));
        Assert.Equal(1, await ImportCommand.RunAsync(Factory.Services, environment, log, ["erp-contacts", bad]));
        Assert.Equal(2, await ImportCommand.RunAsync(Factory.Services, environment, log, ["no-such-import", good]));

        Assert.True(await InScopeAsync(db => db.ErpContacts.AnyAsync(c => c.Email == "kai@cli.example")));
        Assert.False(await InScopeAsync(db => db.ErpContacts.AnyAsync(c => c.Email == "bea@cli.example")));
        Directory.Delete(folder, recursive: true);
    }
}

public sealed class SignInOnSqlite(SqliteFactory f) : SignInSpec(f), IClassFixture<SqliteFactory>;

public sealed class SignInOnPostgres(PostgresFactory f) : SignInSpec(f), IClassFixture<PostgresFactory>;
