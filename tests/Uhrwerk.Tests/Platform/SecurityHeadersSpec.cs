using System.Net;
using Uhrwerk.Server.Modules.Accounts.Domain;

namespace Uhrwerk.Tests.Platform;

/// <summary>Every answer tells the browser to run only our own scripts, never to frame us, guess types or leak paths.</summary>
public abstract class SecurityHeadersSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private static void AssertHardened(HttpResponseMessage response)
    {
        var what = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery} ({(int)response.StatusCode})";
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.True(directives.TryGetValue("frame-ancestors", out var frames) && frames == "frame-ancestors 'none'", $"{what}: {policy}");
        Assert.True(directives.TryGetValue("object-src", out var objects) && objects == "object-src 'none'", $"{what}: {policy}");
        Assert.True(directives.TryGetValue("default-src", out var defaults) && defaults == "default-src 'self'", $"{what}: {policy}");
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(["DENY"], response.Headers.GetValues("X-Frame-Options"));
        Assert.Equal(["strict-origin-when-cross-origin"], response.Headers.GetValues("Referrer-Policy"));
    }

    private static string ScriptSources(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Content-Security-Policy")).Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));

    [Fact]
    public async Task Portal_pages_allow_no_inline_script_and_carry_every_protective_header()
    {
        var visitor = Anonymous();
        var mainContact = await SignInWithCookieAsync(UserOf(CompanyA, PredefinedRole.Administrator));

        foreach (var response in new[]
        {
            await visitor.GetAsync("/signin"),
            await visitor.GetAsync("/activate"),
            await visitor.GetAsync("/company/users"),
            await mainContact.GetAsync("/"),
            await mainContact.GetAsync("/company/users"),
            await mainContact.GetAsync("/catalog"),
        })
        {
            AssertHardened(response);
            Assert.Equal("script-src 'self'", ScriptSources(response));
            Assert.DoesNotContain("'unsafe-inline'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        }
    }

    [Fact]
    public async Task Api_answers_and_problems_carry_the_headers_and_signed_in_answers_are_never_stored()
    {
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));

        var me = await buyer.GetAsync("/api/v1/me");
        var cart = await buyer.GetAsync("/api/v1/cart");
        var forbidden = await buyer.GetAsync("/api/v1/company/users");
        var unauthorised = await Anonymous().GetAsync("/api/v1/me");
        var unknown = await Anonymous().GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cart.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
        foreach (var response in new[] { me, cart, forbidden, unauthorised, unknown })
        {
            AssertHardened(response);
        }

        foreach (var response in new[] { me, cart, forbidden })
        {
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{response.RequestMessage!.RequestUri} answered with Cache-Control: {response.Headers.CacheControl}");
        }
    }

    [Fact]
    public async Task The_api_reference_may_boot_inline_but_is_never_framed()
    {
        var reference = await Anonymous().GetAsync("/scalar/");

        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        AssertHardened(reference);
    }

    [Fact]
    public async Task Browsers_are_told_to_use_https_only_outside_development()
    {
        var overHttps = Factory.CreateClient(new() { BaseAddress = new Uri("https://portal.uhrwerk.example"), AllowAutoRedirect = false });

        var page = await overHttps.GetAsync("/signin");

        var hsts = Assert.Single(page.Headers.GetValues("Strict-Transport-Security"));
        Assert.Contains("max-age=", hsts, StringComparison.Ordinal);
    }
}

public sealed class SecurityHeadersOnSqlite(SqliteFactory f) : SecurityHeadersSpec(f), IClassFixture<SqliteFactory>;

public sealed class SecurityHeadersOnPostgres(PostgresFactory f) : SecurityHeadersSpec(f), IClassFixture<PostgresFactory>;
