using Uhrwerk.Server.Modules.Feedback.Domain;

namespace Uhrwerk.Tests.Feedback;

/// <summary>
/// NPS and CSAT are counted, not averaged: NPS = % promoters (9–10) − % detractors (0–6), CSAT = share of 4–5. No answers give
/// no figure (not zero), and a figure from few answers says so.
/// </summary>
public sealed class ScoresSpec
{
    public static TheoryData<int[], double> NpsDataSets => new()
    {
        { [7, 8, 7, 8, 8], 0 },
        { [9, 10, 9, 10], 100 },
        { [0, 3, 5, 6], -100 },
        { [6], -100 },
        { [7], 0 },
        { [8], 0 },
        { [9], 100 },
        { [10, 9, 8, 7, 6, 0], 0 },
        { [10, 10, 10, 6], 50 },
        { [9, 6, 6, 6], -50 },
        { [9, 7, 7], 100.0 / 3 },
    };

    [Theory]
    [MemberData(nameof(NpsDataSets))]
    public void Nps_is_the_share_of_promoters_less_the_share_of_detractors(int[] answers, double nps)
    {
        var score = Scores.Nps(answers);

        Assert.Equal(answers.Length, score.Responses);
        Assert.Equal(nps, score.Value!.Value, precision: 9);
    }

    public static TheoryData<int[], double> CsatDataSets => new()
    {
        { [3], 0 },
        { [4], 100 },
        { [1, 2, 3, 4, 5], 40 },
        { [5, 5, 4, 4], 100 },
        { [1, 2, 2, 1], 0 },
        { [3, 3, 3, 4], 25 },
    };

    [Theory]
    [MemberData(nameof(CsatDataSets))]
    public void Csat_is_the_share_of_four_and_five(int[] answers, double csat)
    {
        var score = Scores.Csat(answers);

        Assert.Equal(answers.Length, score.Responses);
        Assert.Equal(csat, score.Value!.Value, precision: 9);
    }

    [Fact]
    public void No_answers_give_no_figure_rather_than_zero()
    {
        Assert.Equal(new Score(0, null), Scores.Nps([]));
        Assert.Equal(new Score(0, null), Scores.Csat([]));
        Assert.Equal(new Score(0, null), Scores.Nps(0, 0, 0));
        Assert.Equal(new Score(0, null), Scores.Csat(0, 0));
    }

    [Fact]
    public void Counts_a_database_summed_give_the_same_figures_as_the_answers()
    {
        int[] answers = [10, 10, 9, 8, 7, 6, 3, 0];
        Assert.Equal(Scores.Nps(answers), Scores.Nps(responses: 8, promoters: 3, detractors: 3));
        int[] csat = [5, 4, 4, 3, 1];
        Assert.Equal(Scores.Csat(csat), Scores.Csat(responses: 5, satisfied: 3));
    }

    [Fact]
    public void A_figure_from_fewer_than_thirty_answers_is_marked_as_a_low_count()
    {
        Assert.True(Scores.Nps(Enumerable.Repeat(9, Score.LowCount - 1)).IsLowCount);
        Assert.False(Scores.Nps(Enumerable.Repeat(9, Score.LowCount)).IsLowCount);
        Assert.True(Scores.Csat([]).IsLowCount);
    }
}
