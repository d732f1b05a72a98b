using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Uhrwerk.Server.Platform.Data;

/// <summary>
/// Counts the database round trips (commands, and begin/commit/rollback and savepoints of transactions) each HTTP
/// request causes, records them in the <c>uhrwerk.db.round_trips</c> histogram and, when
/// <c>Diagnostics:RoundTripHeader</c> is on, answers them in the <c>Uhrwerk-Db-Round-Trips</c> header,
/// so a spec can hold a request to its count without timing anything.
/// </summary>
public static class DatabaseRoundTrips
{
    public const string Header = "Uhrwerk-Db-Round-Trips";

    public static readonly Meter Meter = new("Uhrwerk");

    private static readonly Histogram<int> PerRequest = Meter.CreateHistogram<int>("uhrwerk.db.round_trips", "{round trip}", "Database round trips per HTTP request");

    private static readonly AsyncLocal<StrongBox> Current = new();

    /// <summary>Added to every UhrwerkDbContext; counts only inside a request.</summary>
    public static readonly IInterceptor[] Interceptors = [new Commands(), new Transactions()];

    public static IApplicationBuilder UseRoundTripCounting(this IApplicationBuilder app, bool answerInHeader) => app.Use(async (context, next) =>
    {
        var count = Current.Value = new StrongBox();
        if (answerInHeader)
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[Header] = count.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            });
        }

        try
        {
            await next(context);
        }
        finally
        {
            PerRequest.Record(count.Value, new KeyValuePair<string, object?>("http.route", (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText));
            Current.Value = null!;
        }
    });

    private static void Count()
    {
        if (Current.Value is { } count)
        {
            Interlocked.Increment(ref count.Value);
        }
    }

    private sealed class StrongBox
    {
        public int Value;
    }

    private sealed class Commands : DbCommandInterceptor
    {
        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Count();
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Count();
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Count();
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }
    }

    private sealed class Transactions : DbTransactionInterceptor
    {
        public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }

        // Npgsql sends a savepoint as a statement of its own; EF sets one before each SaveChanges in a transaction.
        public override ValueTask<InterceptionResult> CreatingSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult> TransactionRollingBackAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }
    }
}
