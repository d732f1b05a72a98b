using Uhrwerk.Server.Modules.Accounts.Domain;
using static Uhrwerk.Tests.Platform.RoundTripSpec;

namespace Uhrwerk.Tests.Platform;

/// <summary>
/// Every authenticated request pays for loading its caller, so that load is held to one round trip
/// (user, session, company state and roles in one query), and requests that use no caller pay nothing.
/// </summary>
public abstract class CallerLoadingSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    [Fact]
    public async Task Me_with_a_bearer_token_costs_one_round_trip_for_the_caller_and_nothing_else()
    {
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));

        using var me = await buyer.GetAsync("/api/v1/me");

        Assert.Equal(System.Net.HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(1, RoundTripsOf(me));
    }

    [Fact]
    public async Task Me_with_the_portal_cookie_costs_one_round_trip_for_the_caller_and_nothing_else()
    {
        var buyer = await SignInWithCookieAsync(UserOf(CompanyA, PredefinedRole.Buyer));

        using var me = await buyer.GetAsync("/api/v1/me");

        Assert.Equal(System.Net.HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(1, RoundTripsOf(me));
    }

    [Fact]
    public async Task The_liveness_check_loads_no_caller_even_when_one_is_signed_in()
    {
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));

        using var live = await buyer.GetAsync("/health/live");

        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(0, RoundTripsOf(live));
    }
}

public sealed class CallerLoadingOnSqlite(SqliteFactory f) : CallerLoadingSpec(f), IClassFixture<SqliteFactory>;

public sealed class CallerLoadingOnPostgres(PostgresFactory f) : CallerLoadingSpec(f), IClassFixture<PostgresFactory>;
