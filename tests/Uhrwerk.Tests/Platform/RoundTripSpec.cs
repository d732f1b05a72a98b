using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Tests.Platform;

/// <summary>What a request costs the database is counted, so specs can hold an endpoint to its round trips without a stopwatch.</summary>
public abstract class RoundTripSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    /// <summary>The round trips the server counted for one answer.</summary>
    public static int RoundTripsOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(DatabaseRoundTrips.Header, out var values) ? int.Parse(values.Single(), System.Globalization.CultureInfo.InvariantCulture)
            : throw new Xunit.Sdk.XunitException($"The answer to {response.RequestMessage?.RequestUri} does not tell its database round trips.");

    [Fact]
    public async Task An_answer_tells_how_many_database_round_trips_it_took_and_one_without_the_database_took_none()
    {
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));

        using var me = await buyer.GetAsync("/api/v1/me");
        using var live = await Factory.CreateClient().GetAsync("/health/live");

        Assert.InRange(RoundTripsOf(me), 1, 100);
        Assert.Equal(0, RoundTripsOf(live));
    }
}

public sealed class RoundTripsOnSqlite(SqliteFactory f) : RoundTripSpec(f), IClassFixture<SqliteFactory>;

public sealed class RoundTripsOnPostgres(PostgresFactory f) : RoundTripSpec(f), IClassFixture<PostgresFactory>;
