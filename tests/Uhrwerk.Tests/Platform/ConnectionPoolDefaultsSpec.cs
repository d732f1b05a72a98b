using Npgsql;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Tests.Platform;

/// <summary>
/// Each request costs PostgreSQL a DISCARD ALL when its pooled connection goes back, and a parse and plan of
/// every statement, unless the server's pool says otherwise; an operator's own connection string still wins.
/// </summary>
public sealed class ConnectionPoolDefaultsSpec
{
    [Fact]
    public void Pooled_connections_are_not_reset_and_repeated_statements_are_prepared()
    {
        var connection = new NpgsqlConnectionStringBuilder(DataSetup.WithPoolDefaults("Host=db;Username=uhrwerk;Database=uhrwerk"));

        Assert.True(connection.NoResetOnClose);
        Assert.True(connection.MaxAutoPrepare > 0);
        Assert.Equal("db", connection.Host);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db;noresetonclose=false;MAXAUTOPREPARE=0")]
    public void The_operators_connection_string_decides_when_it_sets_them(string given)
    {
        var connection = new NpgsqlConnectionStringBuilder(DataSetup.WithPoolDefaults(given));

        Assert.False(connection.NoResetOnClose);
        Assert.Equal(0, connection.MaxAutoPrepare);
    }
}
