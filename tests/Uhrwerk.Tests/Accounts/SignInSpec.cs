using System.Net;
using System.Net.Http.Json;
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
