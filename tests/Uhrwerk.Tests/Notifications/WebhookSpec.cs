using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Notifications.Domain;
using Uhrwerk.Server.Modules.Notifications.Webhooks;

namespace Uhrwerk.Tests.Notifications;

/// <summary>Company and contact changes reach the ERP as webhooks signed per the Standard Webhooks scheme.</summary>
public abstract class WebhookSpec(UhrwerkFactory factory, WebhookReceiver receiver) : IntegrationTest(factory)
{
    public static IReadOnlyDictionary<string, string?> SettingsFor() => new Dictionary<string, string?>
    {
        ["Notifications:Dispatcher:Enabled"] = "true",
        ["Notifications:Dispatcher:PollInterval"] = "00:00:00.100",
        ["Outbox:Enabled"] = "true",
        ["Outbox:PollInterval"] = "00:00:00.100",
        ["Webhooks:AllowedHosts:0"] = "127.0.0.1",
    };

    private async Task<JsonElement> SubscribeAsync(string path)
    {
        var admin = await SignInAsync("admin@uhrwerk.example");
        var response = await admin.PostAsJsonAsync("/api/v1/backoffice/webhooks", new { name = "ERP " + path, url = receiver.Url(path), eventTypes = new[] { "ContactChanged", "CompanyChanged" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task RenameBuyerAsync(string name)
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var buyer = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        Assert.Equal(HttpStatusCode.OK, (await mainContact.PutAsJsonAsync($"/api/v1/company/users/{buyer}/name", new { displayName = name })).StatusCode);
    }

    private async Task<WebhookReceiver.Received> ReceivedAsync(string path)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until)
        {
            if (receiver.Requests.FirstOrDefault(r => r.Path == path) is { } request)
            {
                return request;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No webhook arrived at {path}.");
    }

    [Fact]
    public async Task A_contact_change_reaches_the_erp_as_a_webhook_whose_signature_verifies_with_the_published_scheme()
    {
        var subscription = await SubscribeAsync("/erp/signed");

        await RenameBuyerAsync("Bernd Besteller");

        var request = await ReceivedAsync("/erp/signed");
        var id = request.Headers["webhook-id"];
        var timestamp = request.Headers["webhook-timestamp"];
        var key = Convert.FromBase64String(subscription.GetProperty("secret").GetString()!["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{request.Body}")));
        Assert.Contains(expected, request.Headers["webhook-signature"].Split(' '));
        Assert.InRange(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds());
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("ContactChanged", body.GetProperty("type").GetString());
        Assert.Equal("Bernd Besteller", body.GetProperty("data").GetProperty("displayName").GetString());
        Assert.Equal(CompanyA.CustomerNumber, body.GetProperty("data").GetProperty("customerNumber").GetString());
    }

    [Fact]
    public async Task A_410_answer_switches_the_subscription_off()
    {
        receiver.Answer = HttpStatusCode.Gone;
        var subscription = await SubscribeAsync("/erp/gone");
        var id = subscription.GetProperty("id").GetGuid();

        await RenameBuyerAsync("Bernd Weg");
        await ReceivedAsync("/erp/gone");

        // The channel switches the subscription off while sending; the delivery's outcome is recorded just after.
        var until = DateTime.UtcNow.AddSeconds(20);
        while (await InScopeAsync(db => db.WebhookSubscriptions.Where(s => s.Id == id).Select(s => s.IsActive).SingleAsync())
            || await InScopeAsync(db => db.Deliveries.Where(d => d.Recipient == id.ToString()).Select(d => d.Status).SingleAsync()) == DeliveryStatus.Pending)
        {
            Assert.True(DateTime.UtcNow < until, "The subscription is still active or its delivery still pending.");
            await Task.Delay(100);
        }

        var delivery = await InScopeAsync(db => db.Deliveries.SingleAsync(d => d.Recipient == id.ToString()));
        Assert.Equal(DeliveryStatus.DeadLetter, delivery.Status);
        receiver.Answer = HttpStatusCode.OK;
    }
}

public sealed class WebhooksOnSqlite(WebhooksOnSqlite.WithReceiver f) : WebhookSpec(f, f.Receiver), IClassFixture<WebhooksOnSqlite.WithReceiver>
{
    public sealed class WithReceiver : SqliteFactory
    {
        public WebhookReceiver Receiver { get; } = new();

        protected override IReadOnlyDictionary<string, string?> Settings => SettingsFor();

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Receiver.Dispose();
        }
    }
}

public sealed class WebhooksOnPostgres(WebhooksOnPostgres.WithReceiver f) : WebhookSpec(f, f.Receiver), IClassFixture<WebhooksOnPostgres.WithReceiver>
{
    public sealed class WithReceiver : PostgresFactory
    {
        public WebhookReceiver Receiver { get; } = new();

        protected override IReadOnlyDictionary<string, string?> Settings => SettingsFor();

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Receiver.Dispose();
        }
    }
}

/// <summary>Webhooks never reach our own network unless an operator allows the host.</summary>
public sealed class WebhookAddressPolicyTests(SqliteFactory factory) : IntegrationTest(factory), IClassFixture<SqliteFactory>
{
    [Theory]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("http://10.0.0.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://192.168.1.20/hook")]
    [InlineData("http://[::1]:9/hook")]
    [InlineData("http://localhost:9/hook")]
    [InlineData("ftp://erp.example/hook")]
    [InlineData("https://user:secret@erp.example/hook")]
    public async Task Subscriptions_to_loopback_private_link_local_or_metadata_addresses_are_refused(string url)
    {
        var admin = await SignInAsync("admin@uhrwerk.example");

        var problem = await ProblemOf(await admin.PostAsJsonAsync("/api/v1/backoffice/webhooks", new { name = "x", url, eventTypes = new[] { "ContactChanged" } }), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.20.0.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("93.184.216.34", false)]
    [InlineData("2a00:1450:4001:80b::200e", false)]
    public void Internal_addresses_are_recognised(string address, bool isInternal) =>
        Assert.Equal(isInternal, OutboundAddressPolicy.IsInternal(IPAddress.Parse(address)));

    [Fact]
    public async Task A_name_that_resolves_to_loopback_at_send_time_is_refused_even_if_it_passed_before()
    {
        using var receiver = new WebhookReceiver();
        var handler = WebhookChannel.Handler(new OutboundAddressPolicy(Microsoft.Extensions.Options.Options.Create(new WebhookOptions())));
        using var http = new HttpClient(handler);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync($"http://localhost:{receiver.Port}/rebound", new StringContent("{}")));

        Assert.Contains("private or local", error.Message + error.InnerException?.Message);
        Assert.Empty(receiver.Requests);
    }
}
