using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Accounts.Events;
using Uhrwerk.Server.Modules.Notifications.Dispatching;
using Uhrwerk.Server.Modules.Notifications.Templates;

namespace Uhrwerk.Tests.Security;

/// <summary>
/// The right to manage users is no way to more rights: nobody grants what they lack, changes their
/// own roles, touches the main contact's account or designates approvers but the main contact.
/// </summary>
public abstract class PrivilegeEscalationSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private Task<HttpClient> MainContactAsync() => SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));

    private static async Task<Guid> IdOf(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A custom role of company A with these permissions, defined by the main contact.</summary>
    private async Task<Guid> CustomRoleAsync(HttpClient mainContact, params string[] permissions) =>
        await IdOf(await mainContact.PostAsJsonAsync("/api/v1/company/roles", new { name = "Eigene " + Guid.NewGuid().ToString("N")[..8], permissions }));

    /// <summary>A new user of company A holding exactly these roles, signed in.</summary>
    private async Task<(Guid Id, HttpClient Client)> UserWithRolesAsync(HttpClient mainContact, params Guid[] roleIds)
    {
        var email = $"pflege-{Guid.NewGuid():N}@{CompanyA.Domain}";
        var id = await IdOf(await mainContact.PostAsJsonAsync("/api/v1/company/users", new { displayName = "Paula Pflege", email, roleIds }));
        return (id, await AcceptInvitationAsync(email));
    }

    /// <summary>Everything of company A an escalation could change: its users, roles, approvers, and every message sent.</summary>
    private Task<string> CompanyStateAsync() => InScopeAsync(async db =>
    {
        var companyId = await db.Companies.Where(c => c.CustomerNumber == CompanyA.CustomerNumber).Select(c => c.Id).SingleAsync();
        var users = (await db.Users.AsNoTracking().Where(u => u.CompanyId == companyId).ToListAsync()).OrderBy(u => u.Email)
            .Select(u => new { u.Email, u.PendingEmail, u.DisplayName, RoleIds = u.RoleIds.Order().ToList(), u.Budget, u.IsActive, u.SecurityStamp });
        var roles = (await db.CompanyRoles.AsNoTracking().Where(r => r.CompanyId == companyId).ToListAsync()).OrderBy(r => r.Id).Select(r => new { r.Name, r.Permissions });
        var approvers = (await db.Approvers.AsNoTracking().Where(a => a.CompanyId == companyId).ToListAsync()).OrderBy(a => a.UserId).Select(a => new { a.UserId, a.Limit, a.ForBuyerId, a.ForRoleId });
        return JsonSerializer.Serialize(new { users, roles, approvers, outbox = await db.Outbox.CountAsync(), audit = await db.AuditLog.CountAsync() });
    });

    private static async Task<IReadOnlyList<string>> NotRefusedAsync(IEnumerable<(string What, Func<Task<HttpResponseMessage>> Call)> steps)
    {
        var wrong = new List<string>();
        foreach (var (what, call) in steps)
        {
            var response = await call();
            if (response.StatusCode != HttpStatusCode.Forbidden || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                wrong.Add($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        return wrong;
    }

    [Fact]
    public async Task A_user_who_may_only_manage_users_is_refused_every_step_of_taking_the_company_over_and_nothing_changes()
    {
        var mainContact = await MainContactAsync();
        var userManagement = await CustomRoleAsync(mainContact, "ManageUsers");
        var (managerId, manager) = await UserWithRolesAsync(mainContact, userManagement);
        var administrator = await RoleIdAsync(mainContact, PredefinedRole.Administrator);
        var buyerRole = await RoleIdAsync(mainContact, PredefinedRole.Buyer);
        var mainContactId = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var buyerId = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var approverId = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Approver));
        Assert.Equal(HttpStatusCode.OK, (await mainContact.PutAsJsonAsync($"/api/v1/company/approvers/{approverId}", new { limit = 500m })).StatusCode);
        var before = await CompanyStateAsync();

        var wrong = await NotRefusedAsync(
        [
            ("gives themselves the Administrator role", () => manager.PutAsJsonAsync($"/api/v1/company/users/{managerId}/roles", new { roleIds = new[] { userManagement, administrator } })),
            ("designates themselves approver without a limit", () => manager.PutAsJsonAsync($"/api/v1/company/approvers/{managerId}", new { limit = (decimal?)null })),
            ("lifts the approver's limit", () => manager.PutAsJsonAsync($"/api/v1/company/approvers/{approverId}", new { limit = (decimal?)null })),
            ("removes an approver", () => manager.DeleteAsync($"/api/v1/company/approvers/{approverId}")),
            ("creates another administrator", () => manager.PostAsJsonAsync("/api/v1/company/users", new { displayName = "Komplize", email = $"komplize-{Guid.NewGuid():N}@boese.example", roleIds = new[] { administrator } })),
            ("makes a buyer administrator", () => manager.PutAsJsonAsync($"/api/v1/company/users/{buyerId}/roles", new { roleIds = new[] { buyerRole, administrator } })),
            ("changes the main contact's e-mail", () => manager.PutAsJsonAsync($"/api/v1/company/users/{mainContactId}/email", new { email = $"uebernahme-{Guid.NewGuid():N}@boese.example" })),
            ("renames the main contact", () => manager.PutAsJsonAsync($"/api/v1/company/users/{mainContactId}/name", new { displayName = "Niemand" })),
            ("limits the main contact's budget", () => manager.PutAsJsonAsync($"/api/v1/company/users/{mainContactId}/budget", new { maxQuantityPerOrder = 1 })),
            ("changes the main contact's roles", () => manager.PutAsJsonAsync($"/api/v1/company/users/{mainContactId}/roles", new { roleIds = new[] { administrator, userManagement } })),
            // Last: were it allowed, the manager would lose the right to try the steps above.
            ("drops their own role", () => manager.PutAsJsonAsync($"/api/v1/company/users/{managerId}/roles", new { roleIds = Array.Empty<Guid>() })),
        ]);

        Assert.True(wrong.Count == 0, "Not refused with 403:\n" + string.Join('\n', wrong));
        Assert.Equal(before, await CompanyStateAsync());
    }

    [Fact]
    public async Task The_portal_refuses_a_user_manager_renaming_the_main_contact_with_the_reason()
    {
        var mainContact = await MainContactAsync();
        var userManagement = await CustomRoleAsync(mainContact, "ManageUsers");
        var email = $"portal-{Guid.NewGuid():N}@{CompanyA.Domain}";
        Assert.Equal(HttpStatusCode.Created, (await mainContact.PostAsJsonAsync("/api/v1/company/users", new { displayName = "Paul Portal", email, roleIds = new[] { userManagement } })).StatusCode);
        await AcceptInvitationAsync(email);
        var browser = await SignInWithCookieAsync(email, NewPassword);
        var mainContactId = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var nameOfMainContact = await InScopeAsync(db => db.Users.Where(u => u.Id == mainContactId).Select(u => u.DisplayName).SingleAsync());
        var page = await browser.GetStringAsync($"/company/users/{mainContactId}");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var answer = await browser.PostAsync($"/company/users/{mainContactId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "rename",
            ["__RequestVerificationToken"] = token,
            ["DisplayName"] = "Niemand",
        }));

        Assert.Contains("ändert nur er selbst", WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()));
        Assert.Equal(nameOfMainContact, await InScopeAsync(db => db.Users.Where(u => u.Id == mainContactId).Select(u => u.DisplayName).SingleAsync()));
    }

    [Fact]
    public async Task A_user_manager_still_manages_users_within_their_own_rights()
    {
        var mainContact = await MainContactAsync();
        var userManagement = await CustomRoleAsync(mainContact, "ManageUsers");
        var (_, manager) = await UserWithRolesAsync(mainContact, userManagement);
        var buyerId = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var buyerRole = await RoleIdAsync(mainContact, PredefinedRole.Buyer);

        // The buyer keeps the Buyer role the manager does not hold; only what is added is checked.
        var assigned = await manager.PutAsJsonAsync($"/api/v1/company/users/{buyerId}/roles", new { roleIds = new[] { buyerRole, userManagement } });
        var created = await manager.PostAsJsonAsync("/api/v1/company/users", new { displayName = "Vera Vertretung", email = $"vertretung-{Guid.NewGuid():N}@{CompanyA.Domain}", roleIds = new[] { userManagement } });
        var renamed = await manager.PutAsJsonAsync($"/api/v1/company/users/{buyerId}/name", new { displayName = "Erika Einkauf" });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.OK), (assigned.StatusCode, created.StatusCode, renamed.StatusCode));
        var roles = await InScopeAsync(db => db.Users.Where(u => u.Id == buyerId).Select(u => u.RoleIds).SingleAsync());
        Assert.Equal(new[] { buyerRole, userManagement }.Order(), roles.Order());
    }

    [Fact]
    public async Task Another_administrator_creates_administrators_but_leaves_the_main_contact_and_the_approvers_to_the_main_contact()
    {
        var mainContact = await MainContactAsync();
        var administrator = await RoleIdAsync(mainContact, PredefinedRole.Administrator);
        var (_, deputyAdmin) = await UserWithRolesAsync(mainContact, administrator);
        var mainContactId = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var approverId = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Approver));

        var created = await deputyAdmin.PostAsJsonAsync("/api/v1/company/users", new { displayName = "Anton Admin", email = $"anton-{Guid.NewGuid():N}@{CompanyA.Domain}", roleIds = new[] { administrator } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var before = await CompanyStateAsync();

        var wrong = await NotRefusedAsync(
        [
            ("changes the main contact's e-mail", () => deputyAdmin.PutAsJsonAsync($"/api/v1/company/users/{mainContactId}/email", new { email = $"uebernahme-{Guid.NewGuid():N}@boese.example" })),
            ("renames the main contact", () => deputyAdmin.PutAsJsonAsync($"/api/v1/company/users/{mainContactId}/name", new { displayName = "Niemand" })),
            ("designates an approver", () => deputyAdmin.PutAsJsonAsync($"/api/v1/company/approvers/{approverId}", new { limit = 1000m })),
        ]);

        Assert.True(wrong.Count == 0, "Not refused with 403:\n" + string.Join('\n', wrong));
        Assert.Equal(before, await CompanyStateAsync());
        Assert.Equal(HttpStatusCode.OK, (await mainContact.PutAsJsonAsync($"/api/v1/company/approvers/{approverId}", new { limit = 1000m })).StatusCode);
    }

    [Fact]
    public async Task A_role_editor_gives_a_role_only_permissions_they_hold_and_is_told_which_are_missing_in_german_and_english()
    {
        var mainContact = await MainContactAsync();
        var editing = await CustomRoleAsync(mainContact, "ManageUsers", "ManageRoles");
        var (_, editor) = await UserWithRolesAsync(mainContact, editing);
        var before = await CompanyStateAsync();

        var german = await ProblemOf(await editor.PostAsJsonAsync("/api/v1/company/roles", new { name = "Alles", permissions = new[] { "ManageUsers", "ApproveOrders" } }), HttpStatusCode.Forbidden);
        using var english = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/company/roles/{editing}") { Content = JsonContent.Create(new { name = "Mehr", permissions = new[] { "ManageUsers", "ManageRoles", "ViewAuditLog" } }) };
        english.Headers.AcceptLanguage.ParseAdd("en");
        var englishProblem = await ProblemOf(await editor.SendAsync(english), HttpStatusCode.Forbidden);

        Assert.Contains("Bestellungen freigeben", german.GetProperty("detail").GetString());
        Assert.Contains("You lack: Read the audit log", englishProblem.GetProperty("detail").GetString());
        Assert.Equal(before, await CompanyStateAsync());
        Assert.Equal(HttpStatusCode.Created, (await editor.PostAsJsonAsync("/api/v1/company/roles", new { name = "Nur Benutzer", permissions = new[] { "ManageUsers" } })).StatusCode);
    }

    [Fact]
    public async Task An_email_change_is_told_to_the_old_address_whose_owner_can_stop_it()
    {
        var mainContact = await MainContactAsync();
        var (userId, oldEmail, _) = await ColleagueAsync(CompanyA, "Olga Ohnewissen", [PredefinedRole.Buyer]);
        var newEmail = $"neu-{Guid.NewGuid():N}@boese.example";
        Assert.Equal(HttpStatusCode.OK, (await mainContact.PutAsJsonAsync($"/api/v1/company/users/{userId}/email", new { email = newEmail })).StatusCode);

        var report = await InScopeAsync(async db => (await db.Outbox.Where(m => m.Type == nameof(AccountLinkIssued)).ToListAsync())
            .Select(m => m.Read<AccountLinkIssued>()).Single(l => l.Purpose == LinkPurpose.EmailChangeReport && l.UserId == userId));
        await using var scope = Factory.Services.CreateAsyncScope();
        var message = scope.ServiceProvider.GetRequiredService<TemplateRenderer>().Render(Situations.EmailChangeReport, "de", report);
        Assert.Equal(oldEmail, report.Email);
        Assert.All(new[] { newEmail, oldEmail, report.Link, "Olga Ohnewissen" }, value => Assert.Contains(value, message.Text));

        var link = QueryOf(report.Link);
        Assert.Contains("stop-email-change", await Anonymous().GetStringAsync(new Uri(report.Link).PathAndQuery));
        Assert.Equal(HttpStatusCode.NoContent, (await Anonymous().PostAsJsonAsync("/api/v1/account/email-change-report", new { userId = link["user"], email = link["email"], token = link["token"] })).StatusCode);

        Assert.Null(await InScopeAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.PendingEmail).SingleAsync()));
        var confirmation = QueryOf(await LinkSentToAsync(newEmail));
        await ProblemOf(await Anonymous().PostAsJsonAsync("/api/v1/account/email-confirmation", new { userId = confirmation["user"], email = confirmation["email"], token = confirmation["token"] }), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = oldEmail, password = NewPassword })).StatusCode);
        Assert.True(await InScopeAsync(db => db.AuditLog.AnyAsync(e => e.Action == "user.email_change_reported" && e.Subject == oldEmail)));
    }
}

public sealed class PrivilegeEscalationOnSqlite(SqliteFactory f) : PrivilegeEscalationSpec(f), IClassFixture<SqliteFactory>;

public sealed class PrivilegeEscalationOnPostgres(PostgresFactory f) : PrivilegeEscalationSpec(f), IClassFixture<PostgresFactory>;
