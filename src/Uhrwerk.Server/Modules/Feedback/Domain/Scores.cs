namespace Uhrwerk.Server.Modules.Feedback.Domain;

/// <summary>
/// A score computed by counting answers, with the count beside it: a figure from a handful of answers is shown as such
/// (<see cref="IsLowCount"/>), and no answers at all give no figure, not a zero.
/// </summary>
public sealed record Score(int Responses, double? Value)
{
    /// <summary>Below this many answers a score says more about chance than about customers.</summary>
    public const int LowCount = 30;

    public bool IsLowCount => Responses < LowCount;
}

public static class Scores
{
    /// <summary>Net Promoter Score: % promoters (9–10) minus % detractors (0–6), from −100 to 100.</summary>
    public static Score Nps(IEnumerable<int> answers)
    {
        var (count, promoters, detractors) = (0, 0, 0);
        foreach (var answer in answers)
        {
            count++;
            promoters += answer >= 9 ? 1 : 0;
            detractors += answer <= 6 ? 1 : 0;
        }

        return Nps(count, promoters, detractors);
    }

    /// <summary>The same from counts a database already summed.</summary>
    public static Score Nps(int responses, int promoters, int detractors) =>
        new(responses, responses == 0 ? null : 100.0 * (promoters - detractors) / responses);

    /// <summary>Customer satisfaction: the share (in %) of 4 and 5 among the 1–5 answers.</summary>
    public static Score Csat(IEnumerable<int> answers)
    {
        var (count, satisfied) = (0, 0);
        foreach (var answer in answers)
        {
            count++;
            satisfied += answer >= 4 ? 1 : 0;
        }

        return Csat(count, satisfied);
    }

    public static Score Csat(int responses, int satisfied) => new(responses, responses == 0 ? null : 100.0 * satisfied / responses);
}
