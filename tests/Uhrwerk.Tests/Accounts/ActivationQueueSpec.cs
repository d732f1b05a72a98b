using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Notifications;
using Uhrwerk.Server.Modules.Notifications.Domain;

namespace Uhrwerk.Tests.Accounts;

/// <summary>
/// Self-activation proceeds at once only with an e-mail address the ERP knows for the customer (a
/// contact's address or domain); any other waits in the back office until customer service confirms
/// or refuses it, and the person is told in their language.
/// </summary>
public abstract class ActivationQueueSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private static Task<HttpResponseMessage> ActivateIn(HttpClient client, string customerNumber, string invoiceNumber, string email, string language) =>
        client.PostAsJsonAsync("/api/v1/activation", new { customerNumber, invoiceNumber, email, language });

    private static async Task<JsonElement> AcceptedAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<JsonElement> WaitingRequestOfAsync(HttpClient service, string email) =>
        (await service.GetFromJsonAsync<JsonElement>("/api/v1/backoffice/activations")).GetProperty("items").EnumerateArray()
            .Single(r => r.GetProperty("email").GetString() == email);

    /// <summary>The e-mail the person gets about their waiting or refused request, rendered by Notifications from the outbox event.</summary>
    private async Task<Delivery> NoticeToAsync(string email, string eventType)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Uhrwerk.Server.Platform.Data.UhrwerkDbContext>();
        var message = (await db.Outbox.AsNoTracking().Where(m => m.Type == eventType).ToListAsync())
            .Single(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("email").GetString() == email);
        await scope.ServiceProvider.HandleAllAsync(NotificationsModule.Handler);
        return Assert.Single(await db.Deliveries.AsNoTracking().Where(d => d.SourceMessageId == message.Id).ToListAsync());
    }

    [Fact]
    public async Task An_address_the_ERP_does_not_know_waits_for_customer_service_who_confirms_it()
    {
        await ErpCustomerAsync("T-QUEUE", mayUse: true, invoice: "RE-T-QUEUE", knownContact: "einkauf@queue-werke.example");
        const string stranger = "jemand@anderswo.example";
        var visitor = Visitor("198.51.100.21");

        var answer = await AcceptedAsync(ActivateIn(visitor, "T-QUEUE", "RE-T-QUEUE", stranger, "de"));
        var again = await AcceptedAsync(ActivateIn(visitor, "T-QUEUE", "RE-T-QUEUE", stranger, "de"));

        Assert.Equal("AwaitsConfirmation", answer.GetProperty("status").GetString());
        Assert.Contains("Kundenservice", answer.GetProperty("message").GetString());
        Assert.Equal(answer.GetProperty("message").GetString(), again.GetProperty("message").GetString());
        Assert.False(await InScopeAsync(db => db.Companies.AnyAsync(c => c.CustomerNumber == "T-QUEUE")));
        Assert.False(await InScopeAsync(db => db.Users.AnyAsync(u => u.Email == stranger)));
        Assert.Equal(1, await InScopeAsync(db => db.PendingActivations.CountAsync(p => p.CustomerNumber == "T-QUEUE")));
        var notice = await NoticeToAsync(stranger, "ActivationAwaitsConfirmation");
        Assert.Equal(Channel.Email, notice.Channel);
        Assert.Equal("account.activation-pending", notice.Situation);
        Assert.Contains("T-QUEUE", notice.TextBody);
        Assert.Contains("Kundenservice", notice.TextBody);

        var service = await SignInAsync("service@uhrwerk.example");
        var waiting = await WaitingRequestOfAsync(service, stranger);
        Assert.Equal("T-QUEUE", waiting.GetProperty("customerNumber").GetString());
        Assert.Equal(["einkauf@queue-werke.example"], waiting.GetProperty("knownContacts").EnumerateArray().Select(c => c.GetString()));
        await ProblemOf(await (await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator))).PostAsync($"/api/v1/backoffice/activations/{waiting.GetProperty("id").GetGuid()}/confirm", null), HttpStatusCode.Forbidden);

        var confirmed = await service.PostAsync($"/api/v1/backoffice/activations/{waiting.GetProperty("id").GetGuid()}/confirm", null);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var company = await InScopeAsync(db => db.Companies.SingleAsync(c => c.CustomerNumber == "T-QUEUE"));
        var mainContact = await InScopeAsync(db => db.Users.SingleAsync(u => u.Email == stranger));
        Assert.Equal(mainContact.Id, company.MainContactUserId);
        var link = QueryOf(await LinkSentToAsync(stranger));
        Assert.Equal(HttpStatusCode.NoContent, (await visitor.PostAsJsonAsync("/api/v1/account/password", new { userId = link["user"], token = link["token"], password = NewPassword })).StatusCode);
        var audit = await (await SignInAsync(stranger, NewPassword)).GetFromJsonAsync<JsonElement>("/api/v1/company/audit-log?action=company.activated");
        Assert.NotEqual("Self-service", audit.GetProperty("items")[0].GetProperty("actorName").GetString());
        Assert.DoesNotContain((await service.GetFromJsonAsync<JsonElement>("/api/v1/backoffice/activations")).GetProperty("items").EnumerateArray(),
            r => r.GetProperty("email").GetString() == stranger);
        var twice = await ProblemOf(await service.PostAsync($"/api/v1/backoffice/activations/{waiting.GetProperty("id").GetGuid()}/confirm", null), HttpStatusCode.Conflict);
        Assert.Equal("activation_decided", twice.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_address_at_a_contact_s_domain_or_of_a_contact_proceeds_at_once_but_free_mail_domains_prove_nothing()
    {
        await ErpCustomerAsync("T-DOMAIN", mayUse: true, invoice: "RE-T-DOMAIN", knownContact: "buchhaltung@domain-werke.example");
        await ErpCustomerAsync("T-FREEMAIL", mayUse: true, invoice: "RE-T-FREEMAIL", knownContact: "inhaber.freemail@gmail.com");

        var atDomain = await AcceptedAsync(ActivateIn(Visitor("198.51.100.22"), "T-DOMAIN", "RE-T-DOMAIN", "Chefin@Domain-Werke.example", "de"));
        var sameFreeMailDomain = await AcceptedAsync(ActivateIn(Visitor("198.51.100.23"), "T-FREEMAIL", "RE-T-FREEMAIL", "fremder.freemail@gmail.com", "de"));
        var exactFreeMailContact = await AcceptedAsync(ActivateIn(Visitor("198.51.100.24"), "T-FREEMAIL", "RE-T-FREEMAIL", "inhaber.freemail@gmail.com", "de"));

        Assert.Equal("Activated", atDomain.GetProperty("status").GetString());
        Assert.True(await InScopeAsync(db => db.Users.AnyAsync(u => u.Email == "chefin@domain-werke.example")));
        Assert.Equal("AwaitsConfirmation", sameFreeMailDomain.GetProperty("status").GetString());
        Assert.False(await InScopeAsync(db => db.Users.AnyAsync(u => u.Email == "fremder.freemail@gmail.com")));
        Assert.Equal("Activated", exactFreeMailContact.GetProperty("status").GetString());
        Assert.True(await InScopeAsync(db => db.Users.AnyAsync(u => u.Email == "inhaber.freemail@gmail.com")));
    }

    [Fact]
    public async Task A_refused_request_creates_nothing_and_tells_the_person_in_their_language_with_the_reason()
    {
        await ErpCustomerAsync("T-REFUSE", mayUse: true, invoice: "RE-T-REFUSE");
        const string stranger = "someone@elsewhere.example";
        var answer = await AcceptedAsync(ActivateIn(Visitor("198.51.100.25"), "T-REFUSE", "RE-T-REFUSE", stranger, "en"));
        Assert.Equal("AwaitsConfirmation", answer.GetProperty("status").GetString());
        var pending = await NoticeToAsync(stranger, "ActivationAwaitsConfirmation");
        Assert.Contains("customer service", pending.TextBody);
        Assert.Equal("en", pending.Language);
        var service = await SignInAsync("service@uhrwerk.example");
        var waiting = await WaitingRequestOfAsync(service, stranger);
        Assert.Empty(waiting.GetProperty("knownContacts").EnumerateArray());

        var refused = await service.PostAsJsonAsync($"/api/v1/backoffice/activations/{waiting.GetProperty("id").GetGuid()}/refuse", new { reason = "Not known at this company." });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("Refused", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.False(await InScopeAsync(db => db.Companies.AnyAsync(c => c.CustomerNumber == "T-REFUSE")));
        Assert.False(await InScopeAsync(db => db.Users.AnyAsync(u => u.Email == stranger)));
        var notice = await NoticeToAsync(stranger, "ActivationRefused");
        Assert.Equal("account.activation-refused", notice.Situation);
        Assert.Contains("Not known at this company.", notice.TextBody);
        Assert.Contains("could not activate", notice.TextBody);
        var decided = (await service.GetFromJsonAsync<JsonElement>("/api/v1/backoffice/activations?status=Refused")).GetProperty("items").EnumerateArray()
            .Single(r => r.GetProperty("email").GetString() == stranger);
        Assert.Equal("Not known at this company.", decided.GetProperty("reason").GetString());
        await ProblemOf(await service.PostAsync($"/api/v1/backoffice/activations/{waiting.GetProperty("id").GetGuid()}/confirm", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_portal_tells_the_visitor_their_request_waits_and_customer_service_confirms_it_on_the_back_office_page()
    {
        await ErpCustomerAsync("T-PORTAL", mayUse: true, invoice: "RE-T-PORTAL", knownContact: "kontakt@portal-werke.example");
        const string stranger = "neu@portal-fremd.example";
        var visitor = Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        visitor.DefaultRequestHeaders.Add(UhrwerkFactory.ClientIpHeader, "198.51.100.26");

        var page = await PostFormAsync(visitor, "/activate", "activate", new Dictionary<string, string>
        {
            ["Input.CustomerNumber"] = "T-PORTAL",
            ["Input.InvoiceNumber"] = "RE-T-PORTAL",
            ["Input.Email"] = stranger,
        });

        Assert.Contains("data-outcome=\"AwaitsConfirmation\"", page);
        Assert.Contains("Kundenservice", page);
        var service = await SignInWithCookieAsync("service@uhrwerk.example");
        var queue = await service.GetStringAsync("/backoffice/activations");
        Assert.Contains(stranger, queue);
        Assert.Contains("kontakt@portal-werke.example", queue);
        var id = await InScopeAsync(db => db.PendingActivations.Where(p => p.Email == stranger).Select(p => p.Id).SingleAsync());

        var decided = await PostFormAsync(service, "/backoffice/activations", "decide-activation", new Dictionary<string, string> { ["ConfirmId"] = id.ToString() });

        Assert.Contains("id=\"activation-decided\"", decided);
        Assert.DoesNotContain($"data-email=\"{stranger}\"", decided);
        Assert.True(await InScopeAsync(db => db.Companies.AnyAsync(c => c.CustomerNumber == "T-PORTAL")));
        Assert.Equal(PendingActivationStatus.Confirmed, await InScopeAsync(db => db.PendingActivations.Where(p => p.Id == id).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task Customer_service_refuses_a_request_with_a_reason_on_the_back_office_page()
    {
        await ErpCustomerAsync("T-PREFUSE", mayUse: true, invoice: "RE-T-PREFUSE");
        await AcceptedAsync(ActivateIn(Visitor("198.51.100.27"), "T-PREFUSE", "RE-T-PREFUSE", "abgelehnt@portal-fremd.example", "de"));
        var id = await InScopeAsync(db => db.PendingActivations.Where(p => p.Email == "abgelehnt@portal-fremd.example").Select(p => p.Id).SingleAsync());
        var service = await SignInWithCookieAsync("service@uhrwerk.example");

        var decided = await PostFormAsync(service, "/backoffice/activations", "decide-activation", new Dictionary<string, string> { ["RefuseId"] = id.ToString(), [$"reason-{id}"] = "Unbekannt" });

        Assert.Contains("id=\"activation-decided\"", decided);
        var refused = await InScopeAsync(db => db.PendingActivations.SingleAsync(p => p.Id == id));
        Assert.Equal((PendingActivationStatus.Refused, "Unbekannt"), (refused.Status, refused.Reason));
        Assert.False(await InScopeAsync(db => db.Companies.AnyAsync(c => c.CustomerNumber == "T-PREFUSE")));
    }

    /// <summary>Posts a portal form like a browser: with the antiforgery token of the page and the form's handler name.</summary>
    private static async Task<string> PostFormAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        var form = await client.GetStringAsync(path);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["_handler"] = formName, ["__RequestVerificationToken"] = token }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {response.StatusCode}: {body}");
        return body;
    }
}

public sealed class ActivationQueueOnSqlite(SqliteFactory f) : ActivationQueueSpec(f), IClassFixture<SqliteFactory>;

public sealed class ActivationQueueOnPostgres(PostgresFactory f) : ActivationQueueSpec(f), IClassFixture<PostgresFactory>;
