using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.DemoData;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Catalog.Domain;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Tests;

/// <summary>Base of every test that talks to the server through HTTP, like a client would.</summary>
public abstract class IntegrationTest
{
    protected IntegrationTest(UhrwerkFactory factory)
    {
        if (factory is PostgresFactory)
        {
            PostgresFactory.SkipUnlessAvailable();
        }

        Factory = factory;
    }

    protected UhrwerkFactory Factory { get; }

    protected static DemoLogins.DemoCompany CompanyA => DemoLogins.Companies[0];

    protected static DemoLogins.DemoCompany CompanyB => DemoLogins.Companies[1];

    protected static string UserOf(DemoLogins.DemoCompany company, PredefinedRole role) => DemoLogins.Email(company, role);

    protected HttpClient Anonymous() => Factory.CreateClient(new() { AllowAutoRedirect = false });

    protected async Task<HttpClient> SignInAsync(string email, string password = DemoLogins.Password)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected async Task<T> InScopeAsync<T>(Func<UhrwerkDbContext, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>());
    }

    /// <summary>
    /// Makes a demo product one that is sold by the piece, for specs that count single pieces;
    /// ordering in whole packs has a spec of its own.
    /// </summary>
    protected Task SoldByThePieceAsync(string sku) => InScopeAsync(async db =>
    {
        var product = await db.Products.SingleAsync(p => p.Sku == sku);
        product.Describe(new ProductTexts(product.NameDe, product.NameEn, product.DescriptionDe, product.DescriptionEn), product.Unit, packSize: 1);
        return await db.SaveChangesAsync();
    });

    protected Task<Guid> CompanyIdAsync(DemoLogins.DemoCompany company) =>
        InScopeAsync(db => db.Companies.Where(c => c.CustomerNumber == company.CustomerNumber).Select(c => c.Id).SingleAsync());

    protected Task<Guid> UserIdAsync(string email) =>
        InScopeAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>The newest link the customer center sent to an address (e-mails are outbox messages until Notifications sends them).</summary>
    protected Task<string> LinkSentToAsync(string email) => InScopeAsync(async db =>
    {
        var messages = await db.Outbox.Where(m => m.Type == "AccountLinkIssued").ToListAsync();
        return messages.OrderByDescending(m => m.OccurredAt)
            .Select(m => JsonDocument.Parse(m.Payload).RootElement)
            .First(p => p.GetProperty("email").GetString() == email)
            .GetProperty("link").GetString()!;
    });

    /// <summary>
    /// Waits until every committed event has become deliveries and none to the recipient is still pending:
    /// from then on nothing more reaches the recipient, so counting what arrived shows a duplicate.
    /// </summary>
    protected async Task NotificationsSettledAsync(string recipient, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var (events, pending) = await InScopeAsync(async db => (
                await db.Outbox.CountAsync(m => m.ProcessedAt == null) + await db.EventHandlings.CountAsync(h => h.Status == Uhrwerk.Server.Platform.Outbox.EventHandlingStatus.Pending),
                await db.Deliveries.CountAsync(d => d.Recipient == recipient && d.Status == Uhrwerk.Server.Modules.Notifications.Domain.DeliveryStatus.Pending)));
            if (events == 0 && pending == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < until, $"Notifications to {recipient} did not settle within {seconds} s: {events} events unhandled, {pending} deliveries pending.");
            await Task.Delay(100);
        }
    }

    protected static Dictionary<string, string> QueryOf(string link) =>
        new Uri(link).Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));

    /// <summary>Awaits a call that must answer 204, showing the body when it does not.</summary>
    protected static async Task NoContentAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Awaits a call that must answer <paramref name="expected"/> and reads its JSON body.</summary>
    protected static async Task<JsonElement> JsonAsync(Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    protected static async Task<JsonElement> ProblemOf(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {expected} but got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    protected const string NewPassword = "Zahnräder greifen ineinander";

    protected HttpClient Visitor(string ip)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add(UhrwerkFactory.ClientIpHeader, ip);
        return client;
    }

    protected Task<HttpResponseMessage> Activate(HttpClient client, string customerNumber, string invoiceNumber, string email) =>
        client.PostAsJsonAsync("/api/v1/activation", new { customerNumber, invoiceNumber, email });

    /// <param name="knownContact">An e-mail address the ERP knows for the customer; self-activation proceeds at once only for its address or domain.</param>
    protected async Task ErpCustomerAsync(string customerNumber, bool mayUse, string invoice, string? knownContact = null)
    {
        await InScopeAsync(async db =>
        {
            var customer = ErpCustomer.Create(customerNumber);
            customer.Update("Testkunde " + customerNumber, null, mayUse, [new Address(AddressKind.Billing, "Weg 1", "01067", "Dresden", "DE")]);
            db.ErpCustomers.Add(customer);
            var erpInvoice = ErpInvoice.Create(invoice);
            erpInvoice.Update(customerNumber, new DateOnly(2026, 10, 1), 99m);
            db.ErpInvoices.Add(erpInvoice);
            if (knownContact is not null)
            {
                var contact = ErpContact.Create(customerNumber, knownContact);
                contact.Update("Kontakt " + customerNumber, null);
                db.ErpContacts.Add(contact);
            }

            return await db.SaveChangesAsync();
        });
    }

    protected static async Task<Guid> RoleIdAsync(HttpClient mainContact, PredefinedRole role)
    {
        var roles = await mainContact.GetFromJsonAsync<JsonElement>("/api/v1/company/roles");
        return roles.EnumerateArray().Single(r => r.GetProperty("predefined").GetString() == role.ToString()).GetProperty("id").GetGuid();
    }

    /// <summary>Sets the password from the invitation e-mail's link and signs in.</summary>
    protected async Task<HttpClient> AcceptInvitationAsync(string email)
    {
        var link = QueryOf(await LinkSentToAsync(email));
        var set = await Anonymous().PostAsJsonAsync("/api/v1/account/password", new { userId = link["user"], token = link["token"], password = NewPassword });
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        return await SignInAsync(email, NewPassword);
    }

    /// <summary>A new user of the company, created by its main contact with these roles and budget, signed in.</summary>
    protected async Task<(Guid Id, string Email, HttpClient Client)> ColleagueAsync(DemoLogins.DemoCompany company, string displayName, PredefinedRole[] roles, object? budget = null, string language = "de")
    {
        var mainContact = await SignInAsync(UserOf(company, PredefinedRole.Administrator));
        var email = $"{displayName.Split(' ')[0].ToLowerInvariant()}-{Guid.NewGuid():N}@{company.Domain}";
        var roleIds = new List<Guid>();
        foreach (var role in roles)
        {
            roleIds.Add(await RoleIdAsync(mainContact, role));
        }

        var response = await mainContact.PostAsJsonAsync("/api/v1/company/users", new { displayName, email, language, roleIds, budget });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return (id, email, await AcceptInvitationAsync(email));
    }

    /// <summary>Signs in through the portal's sign-in form, like a browser, and keeps the cookie (in <paramref name="jar"/> when given).</summary>
    protected async Task<HttpClient> SignInWithCookieAsync(string email, string password = DemoLogins.Password, CookieContainer? jar = null)
    {
        var client = Factory.CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(jar ?? new CookieContainer()));
        var form = await client.GetStringAsync("/signin");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther, $"Portal sign-in answered {response.StatusCode}");
        return client;
    }
}
