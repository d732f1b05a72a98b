using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Uhrwerk.Server.Platform.Data;

/// <summary>Tells what a database error means for the caller, on both providers.</summary>
internal static class DatabaseErrors
{
    // A deadlock victim, and a server shutting down, crashed or still starting: Npgsql leaves these to the caller.
    private static readonly string[] AlsoTransient = ["40P01", "57P01", "57P02", "57P03"];

    /// <summary>
    /// The database was unreachable or gave up for a reason that passes (restart, failover, timeout,
    /// deadlock, a busy SQLite file): the request or message was fine, a later try may succeed.
    /// EF wraps such errors (e.g. in an <see cref="InvalidOperationException"/> "likely due to a
    /// transient failure"), so the whole chain of inner exceptions counts.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true } || (e is DbException { SqlState: { } state } && AlsoTransient.Contains(state)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The change broke a unique index: somebody else wrote the same key first.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        DbException { SqlState: "23505" } => true,
        SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 } => true,
        _ => false,
    };

    /// <summary>The change broke a unique index of this table, not one of the other tables it wrote to.</summary>
    public static bool IsUniqueViolationOn(DbUpdateException exception, string table) => IsUniqueViolation(exception) && exception.InnerException switch
    {
        Npgsql.PostgresException postgres => postgres.TableName == table,
        SqliteException sqlite => sqlite.Message.Contains($" {table}.", StringComparison.Ordinal),
        _ => false,
    };
}
