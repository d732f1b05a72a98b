using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Feedback.Analytics;

/// <summary>
/// Keeps <see cref="FeedbackDailyScore"/> in step with the answers and sent invitations. The context calls
/// <see cref="Pending"/> on every SaveChanges (see UhrwerkDbContext.Feedback.cs), so whatever path adds a
/// <see cref="SurveyResponse"/> or marks an invitation sent is counted, in the same transaction: nothing to call by hand, no lag
/// behind the answers, and a failed save counts nothing. The counts are added by one upsert (INSERT … ON CONFLICT DO UPDATE
/// SET n = n + excluded.n), never read and written back, so concurrent answers on any instance all count. Its rows are sorted by
/// key, so two transactions lock the rows they share in the same order and cannot deadlock each other.
/// </summary>
internal static class FeedbackRollup
{
    private static readonly string[] KeyColumns =
        [nameof(FeedbackDailyScore.CompanyId), nameof(FeedbackDailyScore.Day), nameof(FeedbackDailyScore.Kind), nameof(FeedbackDailyScore.Carrier),
            nameof(FeedbackDailyScore.Warehouse), nameof(FeedbackDailyScore.Punctuality), nameof(FeedbackDailyScore.Reason)];

    private static readonly string[] CountColumns =
        [nameof(FeedbackDailyScore.Invited), nameof(FeedbackDailyScore.Responses), nameof(FeedbackDailyScore.Promoters), nameof(FeedbackDailyScore.Detractors),
            nameof(FeedbackDailyScore.CsatAnswers), nameof(FeedbackDailyScore.CsatSatisfied)];

    /// <summary>The upsert that counts the tracked answers and invitations this save adds, or null when it adds none.</summary>
    public static (string Sql, object[] Parameters)? Pending(UhrwerkDbContext db)
    {
        var counts = new SortedDictionary<Key, Counts>(Key.Order);
        foreach (var entry in db.ChangeTracker.Entries<SurveyResponse>().Where(e => e.State == EntityState.Added))
        {
            Add(counts, entry.Entity);
        }

        foreach (var entry in db.ChangeTracker.Entries<SurveyInvitation>().Where(IsBeingSent))
        {
            Add(counts, entry.Entity);
        }

        return counts.Count == 0 ? null : Upsert(db, counts);
    }

    public static Punctuality PunctualityOf(bool? onTime) => onTime switch
    {
        true => Punctuality.OnTime,
        false => Punctuality.Late,
        null => Punctuality.Unknown,
    };

    private static bool IsBeingSent(EntityEntry<SurveyInvitation> entry) => entry.Entity.SentAt is not null && entry.State switch
    {
        EntityState.Added => true,
        EntityState.Modified => entry.Property(i => i.SentAt).OriginalValue is null,
        _ => false,
    };

    // Follow-ups ask whether a case was solved, not for a score: they are counted with the cases, not here.
    private static void Add(SortedDictionary<Key, Counts> counts, SurveyResponse response)
    {
        if (response.Nps is null || response.Kind == SurveyKind.FollowUp)
        {
            return;
        }

        var count = new Counts(0, 1, response.IsPromoter ? 1 : 0, response.IsDetractor ? 1 : 0, response.Csat is null ? 0 : 1, response.Csat >= 4 ? 1 : 0);
        foreach (var reason in FeedbackReasonList.Of(response.Reasons).Prepend(FeedbackReasons.None))
        {
            Add(counts, response.CompanyId!.Value, BerlinTime.DateOf(response.RespondedAt), response.Kind, response.Carrier, response.WarehouseCode, response.OnTime, reason, count);
        }
    }

    private static void Add(SortedDictionary<Key, Counts> counts, SurveyInvitation invitation)
    {
        if (invitation.Kind == SurveyKind.FollowUp)
        {
            return;
        }

        Add(counts, invitation.CompanyId!.Value, BerlinTime.DateOf(invitation.SentAt!.Value), invitation.Kind, invitation.Carrier, invitation.WarehouseCode, invitation.OnTime,
            FeedbackReasons.None, new Counts(1, 0, 0, 0, 0, 0));
    }

    private static void Add(SortedDictionary<Key, Counts> counts, Guid companyId, DateOnly day, SurveyKind kind, string? carrier, string? warehouse, bool? onTime,
        FeedbackReasons reason, Counts count)
    {
        foreach (var company in new[] { companyId, FeedbackDailyScore.AllCompanies })
        {
            var key = new Key(company, day, kind.ToString(), carrier ?? "", warehouse ?? "", PunctualityOf(onTime).ToString(), reason.ToString());
            counts[key] = counts.TryGetValue(key, out var before) ? before + count : count;
        }
    }

    private static (string, object[]) Upsert(UhrwerkDbContext db, SortedDictionary<Key, Counts> counts)
    {
        var entity = db.Model.FindEntityType(typeof(FeedbackDailyScore))!;
        string Column(string property) => $"\"{entity.FindProperty(property)!.GetColumnName()}\"";
        var table = $"\"{entity.GetTableName()}\"";
        var columns = KeyColumns.Concat(CountColumns).Select(Column).ToList();

        var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
        var parameters = new List<object>();
        foreach (var (key, count) in counts)
        {
            var row = new object[] { key.CompanyId, key.Day, key.Kind, key.Carrier, key.Warehouse, key.Punctuality, key.Reason, count.Invited, count.Responses, count.Promoters,
                count.Detractors, count.CsatAnswers, count.CsatSatisfied };
            sql.Append(parameters.Count == 0 ? "(" : ", (").AppendJoin(", ", row.Select((_, i) => $"{{{parameters.Count + i}}}")).Append(')');
            parameters.AddRange(row);
        }

        sql.Append($" ON CONFLICT ({string.Join(", ", KeyColumns.Select(Column))}) DO UPDATE SET ")
            .AppendJoin(", ", CountColumns.Select(Column).Select(c => $"{c} = {table}.{c} + excluded.{c}"));
        return (sql.ToString(), parameters.ToArray());
    }

    private sealed record Key(Guid CompanyId, DateOnly Day, string Kind, string Carrier, string Warehouse, string Punctuality, string Reason)
    {
        // Ordinal, not the request's culture: every instance must lock shared rows in the same order.
        public static readonly IComparer<Key> Order = Comparer<Key>.Create((a, b) => string.CompareOrdinal(a.Sorted, b.Sorted));

        private string Sorted => string.Join('|', CompanyId.ToString("N"), Day.DayNumber.ToString("D7", CultureInfo.InvariantCulture), Kind, Carrier, Warehouse, Punctuality, Reason);
    }

    private sealed record Counts(int Invited, int Responses, int Promoters, int Detractors, int CsatAnswers, int CsatSatisfied)
    {
        public static Counts operator +(Counts a, Counts b) => new(a.Invited + b.Invited, a.Responses + b.Responses, a.Promoters + b.Promoters, a.Detractors + b.Detractors,
            a.CsatAnswers + b.CsatAnswers, a.CsatSatisfied + b.CsatSatisfied);
    }
}
