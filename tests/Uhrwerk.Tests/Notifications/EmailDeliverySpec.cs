using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Notifications;
using Uhrwerk.Server.Modules.Notifications.Domain;

namespace Uhrwerk.Tests.Notifications;

/// <summary>Events written with a business change become e-mails at a real SMTP server: once, in the recipient's language, retried, dead-lettered.</summary>
public abstract class EmailDeliverySpec(UhrwerkFactory factory, SmtpServer smtp, WebhookReceiver gateway) : IntegrationTest(factory)
{
    public static IReadOnlyDictionary<string, string?> SettingsFor(SmtpServer smtp, WebhookReceiver? gateway = null) => new Dictionary<string, string?>
    {
        ["Gateways:Sms:Url"] = gateway?.Url("/sms"),
        ["Gateways:Sms:AuthValue"] = "Bearer gateway-test-key",
        ["Notifications:Dispatcher:Enabled"] = "true",
        ["Notifications:Dispatcher:PollInterval"] = "00:00:00.100",
        ["Outbox:Enabled"] = "true",
        ["Outbox:PollInterval"] = "00:00:00.100",
        ["Notifications:Dispatcher:Retry:MaxAttempts"] = "3",
        ["Notifications:Dispatcher:Retry:BaseDelay"] = "00:00:00.100",
        ["Notifications:Dispatcher:Retry:MaxDelay"] = "00:00:00.300",
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
    };

    private async Task InviteAsync(string email, string language)
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var response = await mainContact.PostAsJsonAsync("/api/v1/company/users", new { displayName = "Eva Empfänger", email, language });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<Delivery> DeliveryToAsync(string email, Func<Delivery, bool> until, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var delivery = await InScopeAsync(db => db.Deliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Recipient == email));
            if (delivery is not null && until(delivery))
            {
                return delivery;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The delivery to {email} did not reach the expected state; it is {delivery?.Status} after {delivery?.Attempts} attempts ({delivery?.LastError}).");
            // The server's clock is the test's: move it on so that retries come due.
            Factory.Clock.Advance(TimeSpan.FromMilliseconds(300));
            await Task.Delay(100);
        }
    }

    /// <summary>The messages to the address once the expected number arrived and nothing more is on its way.</summary>
    private async Task<IReadOnlyList<MimeKit.MimeMessage>> ArrivedAsync(string email, int count = 1)
    {
        await smtp.WaitForAsync(email, count);
        await NotificationsSettledAsync(email);
        return smtp.MessagesTo(email);
    }

    [Fact]
    public async Task An_invitation_arrives_once_at_the_smtp_server_in_the_recipients_language_with_html_and_text()
    {
        await smtp.StartAsync();

        await InviteAsync("eva.en@mueller-maschinenbau.example", "en");

        var message = Assert.Single(await ArrivedAsync("eva.en@mueller-maschinenbau.example"));
        Assert.Equal("Invitation to the Uhrwerk customer center", message.Subject);
        Assert.Contains("/set-password?user=", message.TextBody);
        Assert.Contains("Set your password", message.HtmlBody);
        var delivery = await DeliveryToAsync("eva.en@mueller-maschinenbau.example", d => d.Status == DeliveryStatus.Sent);
        Assert.Equal((1, "account.invitation"), (delivery.Attempts, delivery.Situation));
    }

    [Fact]
    public async Task A_template_override_changes_the_next_message_and_a_broken_template_is_refused_on_save_with_its_line()
    {
        await smtp.StartAsync();
        var service = await SignInAsync("service@uhrwerk.example");
        const string path = "/api/v1/backoffice/templates/account.invitation/de";

        var broken = await ProblemOf(await service.PutAsJsonAsync($"{path}/Subject", new { source = "Willkommen\n{% if brand.name %}{{ brand.name }}" }), HttpStatusCode.BadRequest);
        Assert.StartsWith("Zeile 2:", broken.GetProperty("errors").GetProperty("source")[0].GetString());
        var preview = await (await service.PostAsJsonAsync($"{path}/preview", new { subject = "Hallo {{ display_name }}, willkommen bei {{ brand.name }}" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Hallo Erika Mustermann, willkommen bei Uhrwerk", preview.GetProperty("subject").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await service.PutAsJsonAsync($"{path}/Subject", new { source = "Ihr neuer Zugang, {{ display_name }}" })).StatusCode);
        var parts = await service.GetFromJsonAsync<JsonElement>(path);
        Assert.True(parts.EnumerateArray().Single(p => p.GetProperty("part").GetString() == "Subject").GetProperty("overridden").GetBoolean());

        await InviteAsync("eva.override@mueller-maschinenbau.example", "de");

        var message = Assert.Single(await ArrivedAsync("eva.override@mueller-maschinenbau.example"));
        Assert.Equal("Ihr neuer Zugang, Eva Empfänger", message.Subject);
        Assert.Equal(HttpStatusCode.NoContent, (await service.DeleteAsync($"{path}/Subject")).StatusCode);
    }

    [Fact]
    public async Task Preferences_are_honoured_and_a_critical_message_ignores_an_opt_out()
    {
        await smtp.StartAsync();
        var email = UserOf(CompanyA, PredefinedRole.Buyer);
        var buyer = await SignInAsync(email);
        var buyerId = await UserIdAsync(email);

        var switchedOff = await buyer.PutAsJsonAsync("/api/v1/me/notification-preferences", new { situation = "shipment.eta-changed", channel = "Email", enabled = false });
        Assert.Equal(HttpStatusCode.OK, switchedOff.StatusCode);
        await ProblemOf(await buyer.PutAsJsonAsync("/api/v1/me/notification-preferences", new { situation = "account.email-change", channel = "Email", enabled = false }), HttpStatusCode.Conflict);
        await ProblemOf(await buyer.PutAsJsonAsync("/api/v1/me/notification-preferences", new { situation = "no.such-situation", channel = "Email", enabled = false }), HttpStatusCode.BadRequest);
        var choices = await switchedOff.Content.ReadFromJsonAsync<JsonElement>();
        var sms = choices.EnumerateArray().Single(s => s.GetProperty("situation").GetString() == "shipment.delayed")
            .GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "Sms");
        Assert.False(sms.GetProperty("enabled").GetBoolean());

        // An opt-out that predates the rule (written directly) must not silence a critical message either.
        var companyA = await CompanyIdAsync(CompanyA);
        await InScopeAsync(async db =>
        {
            db.NotificationPreferences.Add(NotificationPreference.Choose(companyA, buyerId, "account.invitation", Channel.Email, true, hasMobile: false, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE notifications_preferences SET \"Enabled\" = FALSE WHERE \"Situation\" = 'account.invitation'");
            var data = new Dictionary<string, string> { ["order_number"] = "UW-2026-000042", ["new_date"] = "03.12.2026", ["reason"] = "Streik beim Spediteur" };
            db.Publish(new UsersToNotify("shipment.eta-changed", [buyerId], data), companyA);
            db.Publish(new UsersToNotify("shipment.delayed", [buyerId], data), companyA);
            db.Publish(new UsersToNotify("account.invitation", [buyerId], new Dictionary<string, string> { ["link"] = "https://portal.example/x" }), companyA);
            return await db.SaveChangesAsync();
        });

        var messages = await ArrivedAsync(email, count: 2);
        Assert.Equal(2, messages.Count);
        Assert.Contains(messages, m => m.Subject == "Ihre Lieferung zu Bestellung UW-2026-000042 verspätet sich" && (m.TextBody ?? "").Contains("Streik beim Spediteur"));
        Assert.Contains(messages, m => m.Subject == "Einladung ins Uhrwerk-Kundencenter");
        Assert.DoesNotContain(messages, m => (m.Subject ?? "").Contains("voraussichtliche Ankunft", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_sms_goes_out_only_after_the_opt_in_to_the_gateway_with_an_e164_number()
    {
        await smtp.StartAsync();
        var email = UserOf(CompanyB, PredefinedRole.Buyer);
        var buyer = await SignInAsync(email);
        var buyerId = await UserIdAsync(email);
        await ProblemOf(await buyer.PutAsJsonAsync("/api/v1/me/mobile", new { mobile = "12" }), HttpStatusCode.BadRequest);
        var mobile = await (await buyer.PutAsJsonAsync("/api/v1/me/mobile", new { mobile = "0170 7654321" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("+491707654321", mobile.GetProperty("mobile").GetString());
        var companyB = await CompanyIdAsync(CompanyB);
        async Task DelayAsync(string order) => await InScopeAsync(db =>
        {
            db.Publish(new UsersToNotify("shipment.delayed", [buyerId], new Dictionary<string, string> { ["order_number"] = order, ["new_date"] = "05.12.2026", ["reason"] = "Glatteis" }), companyB);
            return db.SaveChangesAsync();
        });

        await DelayAsync("UW-2026-000500");
        await smtp.WaitForAsync(email);
        await NotificationsSettledAsync("+491707654321");
        Assert.DoesNotContain(gateway.Requests, r => r.Body.Contains("UW-2026-000500"));

        Assert.Equal(HttpStatusCode.OK, (await buyer.PutAsJsonAsync("/api/v1/me/notification-preferences", new { situation = "shipment.delayed", channel = "Sms", enabled = true })).StatusCode);
        await DelayAsync("UW-2026-000501");

        var sms = await DeliveryToAsync("+491707654321", d => d.Status == DeliveryStatus.Sent);
        var request = Assert.Single(gateway.Requests, r => r.Body.Contains("UW-2026-000501"));
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal(("+491707654321", "sms"), (body.GetProperty("to").GetString(), body.GetProperty("channel").GetString()));
        Assert.StartsWith("Uhrwerk: Ihre Lieferung zu UW-2026-000501 verspätet sich", body.GetProperty("text").GetString());
        Assert.Equal("Bearer gateway-test-key", request.Headers["authorization"]);
        Assert.Equal(Channel.Sms, sms.Channel);
        // The e-mail of the second delay is a delivery of its own: the SMS being sent says nothing about it.
        await smtp.WaitForAsync(email, 2);
        await NotificationsSettledAsync(email);
        Assert.Equal(2, smtp.MessagesTo(email).Count);
    }

    [Fact]
    public async Task Sms_and_whatsapp_cannot_be_switched_on_without_a_mobile_number_and_the_reason_is_given_in_german_and_english()
    {
        var german = await ColleagueAsync(CompanyA, "Ohne Nummer", [PredefinedRole.Buyer]);
        var english = await ColleagueAsync(CompanyA, "Without Number", [PredefinedRole.Buyer], language: "en");
        english.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var sms = await ProblemOf(await german.Client.PutAsJsonAsync("/api/v1/me/notification-preferences", new { situation = "shipment.delayed", channel = "Sms", enabled = true }), HttpStatusCode.BadRequest);
        var whatsApp = await ProblemOf(await english.Client.PutAsJsonAsync("/api/v1/me/notification-preferences", new { situation = "shipment.delayed", channel = "WhatsApp", enabled = true }), HttpStatusCode.BadRequest);

        Assert.Contains("SMS braucht eine Mobilnummer", sms.GetProperty("errors").GetProperty("channel")[0].GetString());
        Assert.Contains("WhatsApp needs a mobile number", whatsApp.GetProperty("errors").GetProperty("channel")[0].GetString());
        var stillOff = await german.Client.GetFromJsonAsync<JsonElement>("/api/v1/me/notification-preferences");
        Assert.DoesNotContain(stillOff.EnumerateArray().SelectMany(s => s.GetProperty("channels").EnumerateArray()), c => c.GetProperty("channel").GetString() != "Email" && c.GetProperty("enabled").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await german.Client.PutAsJsonAsync("/api/v1/me/notification-preferences", new { situation = "shipment.delayed", channel = "Sms", enabled = false })).StatusCode);

        var portal = await SignInWithCookieAsync(german.Email, NewPassword);
        var form = await portal.GetStringAsync("/me/notifications");
        var page = await portal.PostAsync("/me/notifications", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "preferences",
            ["__RequestVerificationToken"] = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value,
            ["on"] = "shipment.delayed:Sms",
        }));
        Assert.Contains("SMS braucht eine Mobilnummer", System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));

        Assert.Equal(HttpStatusCode.OK, (await german.Client.PutAsJsonAsync("/api/v1/me/mobile", new { mobile = "0171 2345678" })).StatusCode);
        var switchedOn = await german.Client.PutAsJsonAsync("/api/v1/me/notification-preferences", new { situation = "shipment.delayed", channel = "Sms", enabled = true });
        Assert.Equal(HttpStatusCode.OK, switchedOn.StatusCode);
        Assert.True(SmsFor(await switchedOn.Content.ReadFromJsonAsync<JsonElement>(), "shipment.delayed"));

        // Removing the number afterwards leaves nothing to send to, and the choices say so.
        Assert.Equal(HttpStatusCode.OK, (await german.Client.PutAsJsonAsync("/api/v1/me/mobile", new { mobile = (string?)null })).StatusCode);
        Assert.False(SmsFor(await german.Client.GetFromJsonAsync<JsonElement>("/api/v1/me/notification-preferences"), "shipment.delayed"));
    }

    private static bool SmsFor(JsonElement choices, string situation) =>
        choices.EnumerateArray().Single(s => s.GetProperty("situation").GetString() == situation)
            .GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "Sms").GetProperty("enabled").GetBoolean();

    [Fact]
    public async Task A_failing_smtp_server_leads_to_retries_then_the_dead_letter_list_and_a_retry_from_the_back_office_delivers_once()
    {
        smtp.Stop();
        const string email = "eva.de@mueller-maschinenbau.example";

        await InviteAsync(email, "de");

        var dead = await DeliveryToAsync(email, d => d.Status == DeliveryStatus.DeadLetter);
        Assert.Equal(3, dead.Attempts);
        Assert.Contains("unreachable", dead.LastError);
        var service = await SignInAsync("service@uhrwerk.example");
        var deadLetters = await service.GetFromJsonAsync<JsonElement>("/api/v1/backoffice/notifications?status=DeadLetter");
        Assert.Contains(deadLetters.GetProperty("items").EnumerateArray(), d => d.GetProperty("recipient").GetString() == email);

        await smtp.StartAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await service.PostAsync($"/api/v1/backoffice/notifications/{dead.Id}/retry", null)).StatusCode);

        var message = Assert.Single(await ArrivedAsync(email));
        Assert.Equal("Einladung ins Uhrwerk-Kundencenter", message.Subject);
        Assert.Equal(DeliveryStatus.Sent, (await DeliveryToAsync(email, d => d.Status == DeliveryStatus.Sent)).Status);
        await ProblemOf(await service.PostAsync($"/api/v1/backoffice/notifications/{dead.Id}/retry", null), HttpStatusCode.Conflict);
    }
}

public sealed class EmailDeliveryOnSqlite(SqliteWithMail f) : EmailDeliverySpec(f, f.Smtp, f.Gateway), IClassFixture<SqliteWithMail>;

public sealed class EmailDeliveryOnPostgres(PostgresWithMail f) : EmailDeliverySpec(f, f.Smtp, f.Gateway), IClassFixture<PostgresWithMail>;
