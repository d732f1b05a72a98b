using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Fulfillment;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Tests.Tracking;

/// <summary>The public track-and-trace page: whoever holds the link sees where the shipment is and when it comes, and nothing else.</summary>
public abstract class TrackingPageSpec(UhrwerkFactory factory) : TrackingSpec(factory)
{
    private static readonly DateTimeOffset Tuesday = new(2026, 12, 1, 9, 30, 0, TimeSpan.FromHours(1));

    private Task<TrackedShipment> TrackedAsync(string trackingNumber) =>
        InScopeAsync(db => db.TrackedShipments.AsNoTracking().SingleAsync(t => t.Parcels.Any(p => p.TrackingNumber == trackingNumber)));

    private Task NoticeDelayAsync(Guid shipmentId, DelayCause cause) => InScopeAsync(async db =>
    {
        var tracked = await db.TrackedShipments.SingleAsync(t => t.ShipmentId == shipmentId);
        tracked.NoticeDelay(cause, DateTimeOffset.UtcNow);
        return await db.SaveChangesAsync();
    });

    private async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> OpenAsync(string path, string language = "de")
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var response = await client.GetAsync(path);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), response);
    }

    [Fact]
    public async Task A_valid_token_shows_the_timeline_the_expected_date_and_the_contents_without_signing_in()
    {
        var shipmentId = await ShippedAsync("Tom Timeline", "JJD1001");
        await RecordAsync("JJD1001",
            new ScanReport("p1", Tuesday, TrackingStatus.InTransit, null, "transit", "Im Paketzentrum bearbeitet", "Dortmund", Tuesday.AddDays(2)),
            new ScanReport("p2", Tuesday.AddDays(1), TrackingStatus.OutForDelivery, null, "transit", "In Zustellung", "Augsburg", null));
        var tracked = await TrackedAsync("JJD1001");
        var sku = await InScopeAsync(db => db.Shipments.Where(s => s.Id == shipmentId).SelectMany(s => s.Lines).Select(l => l.Sku).SingleAsync());

        var (status, html, response) = await OpenAsync($"/track/{tracked.PublicToken}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(tracked.Reference, html);
        Assert.Contains("In Zustellung", html);
        Assert.Contains("Augsburg", html);
        Assert.True(html.IndexOf("Augsburg", StringComparison.Ordinal) < html.IndexOf("Dortmund", StringComparison.Ordinal), "The newest scan comes first.");
        Assert.Contains("03.12.2026", html);
        Assert.Contains(sku, html);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("noindex", response.Headers.GetValues("X-Robots-Tag").Single());
        Assert.True(response.Headers.CacheControl?.NoStore, "A token page is kept by no cache.");

        var (_, english, _) = await OpenAsync($"/track/{tracked.PublicToken}", "en");
        Assert.Contains("Out for delivery", english);
    }

    [Fact]
    public async Task A_wrong_token_or_one_long_after_delivery_shows_nothing()
    {
        var shipmentId = await ShippedAsync("Greta Gestern", "JJD1002");
        var tracked = await TrackedAsync("JJD1002");
        var deliveredLongAgo = DateTimeOffset.UtcNow.AddDays(-100);
        await RecordAsync("JJD1002",
            new ScanReport("d1", deliveredLongAgo.AddDays(-1), TrackingStatus.InTransit, null, "transit", "Unterwegs", "Kassel", null),
            new ScanReport("d2", deliveredLongAgo, TrackingStatus.Delivered, null, "delivered", "Zugestellt", "Kassel", null));

        var wrong = tracked.PublicToken[..^4] + (tracked.PublicToken.EndsWith("AAAA") ? "BBBB" : "AAAA");
        foreach (var path in new[] { $"/track/{wrong}", $"/track/{tracked.PublicToken}", "/track/order/not-a-token", $"/track/order/{tracked.PublicToken}" })
        {
            var (status, html, response) = await OpenAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("Seite nicht gefunden", html);
            Assert.DoesNotContain(tracked.Reference, html);
            Assert.DoesNotContain(tracked.OrderNumber, html);
            Assert.DoesNotContain("Kassel", html);
        }

        var orderLink = await InScopeScopeAsync(sp => sp.GetRequiredService<OrderTrackingLink>().For(tracked.OrderId));
        Assert.Equal(HttpStatusCode.NotFound, (await OpenAsync(new Uri(orderLink).PathAndQuery)).Status);
        Assert.NotEqual(Guid.Empty, shipmentId);
    }

    [Fact]
    public async Task The_page_of_one_companys_shipment_shows_nothing_of_another_company_nor_the_buyers_personal_data()
    {
        await ShippedAsync("Paula Privatsphäre", "JJD1003");
        await ShippedAsync("Bruno Bfirma", "JJD1004", CompanyB);
        var (mine, theirs) = (await TrackedAsync("JJD1003"), await TrackedAsync("JJD1004"));
        var buyer = await InScopeAsync(db => db.Users.Where(u => u.DisplayName == "Paula Privatsphäre").Select(u => new { u.Email, u.DisplayName }).FirstAsync());
        var prices = await InScopeAsync(db => db.Orders.Where(o => o.Id == mine.OrderId).SelectMany(o => o.Lines).Select(l => l.UnitPrice).ToListAsync());

        foreach (var path in new[] { $"/track/{mine.PublicToken}", new Uri(await InScopeScopeAsync(sp => sp.GetRequiredService<OrderTrackingLink>().For(mine.OrderId))).PathAndQuery })
        {
            var (status, html, _) = await OpenAsync(path);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains(mine.Reference, html);
            foreach (var other in new[] { theirs.Reference, theirs.OrderNumber, theirs.PublicToken, "JJD1004", buyer.Email!, buyer.DisplayName, "€" })
            {
                Assert.DoesNotContain(other, html);
            }

            Assert.DoesNotMatch(@"(?<![A-Za-z0-9_-])EUR(?![A-Za-z0-9_-])", html); // not inside the page's random tokens

            foreach (var price in prices)
            {
                Assert.DoesNotContain(price.ToString("N2", System.Globalization.CultureInfo.GetCultureInfo("de-DE")), html);
            }
        }
    }

    [Fact]
    public async Task A_delay_the_customer_was_told_of_shows_with_its_reason()
    {
        var shipmentId = await ShippedAsync("Dora Delay", "JJD1005");
        await RecordAsync("JJD1005", new ScanReport("x1", Tuesday, TrackingStatus.Exception, "damaged", "exception", "Beschädigt", "Hannover", null));
        var tracked = await TrackedAsync("JJD1005");
        Assert.DoesNotContain("Verzögerung", (await OpenAsync($"/track/{tracked.PublicToken}")).Html);

        await NoticeDelayAsync(shipmentId, DelayCause.CarrierException);

        var (_, html, _) = await OpenAsync($"/track/{tracked.PublicToken}");
        Assert.Contains("Verzögerung", html);
        Assert.Contains("Der Paketdienst meldet eine Störung", html);
        Assert.Contains("Problem bei der Beförderung", html);
    }

    [Fact]
    public async Task The_order_link_lists_the_partial_deliveries_each_with_its_own_page_and_is_the_link_of_the_delivery_note()
    {
        await ShippedAsync("Olga Ordnung", "JJD1006");
        var tracked = await TrackedAsync("JJD1006");
        var link = await InScopeScopeAsync(sp => sp.GetRequiredService<OrderTrackingLink>().For(tracked.OrderId));
        Assert.Contains("/track/order/", link);

        var (status, html, response) = await OpenAsync(new Uri(link).PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(tracked.OrderNumber, html);
        Assert.Contains($"href=\"/track/{tracked.PublicToken}\"", html);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var forged = link[..^6] + (link.EndsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
        Assert.Equal(HttpStatusCode.NotFound, (await OpenAsync(new Uri(forged).PathAndQuery)).Status);
    }

    [Fact]
    public async Task Staff_brand_the_page_with_logo_colours_contact_legal_notice_and_related_items_and_unreadable_colours_are_refused()
    {
        var marketing = await SignInAsync("service@uhrwerk.example");
        var tooLight = await ProblemOf(await marketing.PutAsJsonAsync("/api/v1/backoffice/tracking/branding", new { primaryColour = "#FFEE00", accentColour = "#8A4B08" }), HttpStatusCode.BadRequest);
        Assert.True(tooLight.GetProperty("errors").TryGetProperty("primaryColour", out _));
        var notHex = await ProblemOf(await marketing.PutAsJsonAsync("/api/v1/backoffice/tracking/branding", new { primaryColour = "blue", accentColour = "#8A4B08" }), HttpStatusCode.BadRequest);
        Assert.True(notHex.GetProperty("errors").TryGetProperty("primaryColour", out _));
        var notAPng = await ProblemOf(await marketing.PutAsJsonAsync("/api/v1/backoffice/tracking/branding", new
        {
            primaryColour = "#123456", accentColour = "#8A4B08", logo = new { contentType = "image/png", data = Convert.ToBase64String("<html>"u8.ToArray()) },
        }), HttpStatusCode.BadRequest);
        Assert.True(notAPng.GetProperty("errors").TryGetProperty("logo", out _));

        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        var saved = await JsonAsync(marketing.PutAsJsonAsync("/api/v1/backoffice/tracking/branding", new
        {
            primaryColour = "#123456", accentColour = "#8A4B08", contactPhone = "+49 89 1234-0", contactEmail = "service@zulieferer.example", contactHours = "Mo–Fr 8–17 Uhr",
            legalNoticeText = "Zulieferer GmbH, Musterstraße 1, 80331 München", legalNoticeUrl = "https://zulieferer.example/impressum",
            related = new[] { new { sku = (string?)null, url = (string?)"https://zulieferer.example/pflege", titleDe = "Pflegehinweise", titleEn = "Care instructions" } },
            logo = new { contentType = "image/png", data = Convert.ToBase64String(png) },
        }), HttpStatusCode.OK);
        var logoUrl = saved.GetProperty("logoUrl").GetString()!;

        await ShippedAsync("Bea Branding", "JJD1007");
        var (_, html, _) = await OpenAsync($"/track/{(await TrackedAsync("JJD1007")).PublicToken}");
        Assert.True(html.Contains(logoUrl), html);
        Assert.Contains("+49 89 1234-0", html);
        Assert.Contains("Zulieferer GmbH, Musterstraße 1", html);
        Assert.Contains("https://zulieferer.example/impressum", html);
        Assert.Contains("Pflegehinweise", html);
        var logo = await Anonymous().GetAsync(logoUrl);
        Assert.Equal("image/png", logo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await logo.Content.ReadAsByteArrayAsync());
        Assert.Contains("#123456", await Anonymous().GetStringAsync("/track-assets/branding.css"));
    }

    [Fact]
    public async Task The_signed_in_buyer_sees_the_timeline_and_the_delay_on_the_order_page()
    {
        var shipmentId = await ShippedAsync("Pia Portal", "JJD1008");
        await RecordAsync("JJD1008", new ScanReport("o1", Tuesday, TrackingStatus.AttemptFail, null, "attempt", "Empfänger nicht angetroffen", "Ulm", Tuesday.AddDays(1)));
        await NoticeDelayAsync(shipmentId, DelayCause.FailedAttempt);
        var tracked = await TrackedAsync("JJD1008");
        var email = await InScopeAsync(db => db.Users.Where(u => u.DisplayName == "Pia Portal").Select(u => u.Email!).FirstAsync());

        var page = WebUtility.HtmlDecode(await (await SignInWithCookieAsync(email, NewPassword)).GetStringAsync($"/orders/{tracked.OrderId}"));

        Assert.Contains("Zustellversuch erfolglos", page);
        Assert.Contains("Ulm", page);
        Assert.Contains("versucht es erneut", page);
    }

    private async Task<T> InScopeScopeAsync<T>(Func<IServiceProvider, T> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return work(scope.ServiceProvider);
    }
}

public sealed class TrackingPageOnSqlite(SqliteFactory f) : TrackingPageSpec(f), IClassFixture<SqliteFactory>;

public sealed class TrackingPageOnPostgres(PostgresFactory f) : TrackingPageSpec(f), IClassFixture<PostgresFactory>;
