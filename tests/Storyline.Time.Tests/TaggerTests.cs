using Storyline.Core;

namespace Storyline.Time.Tests;

/// <summary>
/// Hand-written news sentences (none taken from TimeBank, AQUAINT, TE3-Platinum or MEANTIME), each with a
/// publication date, checking span, type and normalised value.
/// </summary>
public class TaggerTests
{
    /// <summary>Wednesday 15 February 2023.</summary>
    private static readonly DateTimeOffset Wed = new(2023, 2, 15, 0, 0, 0, TimeSpan.Zero);
    /// <summary>Monday 20 February 2023.</summary>
    private static readonly DateTimeOffset Mon = new(2023, 2, 20, 0, 0, 0, TimeSpan.Zero);
    /// <summary>Saturday 18 February 2023.</summary>
    private static readonly DateTimeOffset Sat = new(2023, 2, 18, 0, 0, 0, TimeSpan.Zero);

    private static TimeExpression Single(string text, DateTimeOffset? anchor, string expected)
    {
        var all = TimeExpressionTagger.Tag(text, anchor);
        var hit = all.Where(t => t.Text == expected).ToList();
        Assert.True(hit.Count == 1, $"expected one [{expected}] in \"{text}\", got: {string.Join(" | ", all.Select(t => $"[{t.Text}] {t.Type} {t.Value}"))}");
        return hit[0];
    }

    private static void Check(string text, DateTimeOffset? anchor, string span, string type, string? value)
    {
        var t = Single(text, anchor, span);
        Assert.Equal(type, t.Type);
        Assert.Equal(value, t.Value);
        Assert.Equal(span, text[t.Start..t.End]);
    }

    // ---------------------------------------------------------------- weekdays by tense

    [Fact]
    public void Weekday_PastTense_ResolvesBackwards()
        => Check("Police said the suspect was arrested on Saturday outside a bakery.", Wed, "Saturday", "DATE", "2023-02-11");

    [Fact]
    public void Weekday_FutureTense_ResolvesForwards()
        => Check("The foreign minister will travel to Nairobi on Saturday for talks.", Wed, "Saturday", "DATE", "2023-02-18");

    [Fact]
    public void Weekday_AnchorsOwnDay_InPastTense_IsTheAnchor()
        => Check("Thousands marched through the capital on Saturday, organisers said.", Sat, "Saturday", "DATE", "2023-02-18");

    [Fact]
    public void Weekday_ReportingVerbFarAway_DoesNotOverrideFuture()
        => Check("The council will vote on the budget on Friday, the mayor's office said in a statement.", Wed, "Friday", "DATE", "2023-02-17");

    [Fact]
    public void Weekday_ScheduledEvent_LooksAhead()
        => Check("The strike is set to begin Thursday morning at the port.", Mon, "Thursday morning", "TIME", "2023-02-23TMO");

    [Fact]
    public void LastAndNextWeekday_AreStrict()
    {
        Check("Prices rose last Wednesday after the report.", Wed, "last Wednesday", "DATE", "2023-02-08");
        Check("The court will rule next Wednesday.", Wed, "next Wednesday", "DATE", "2023-02-22");
    }

    // ---------------------------------------------------------------- absolute dates and ranges

    [Fact]
    public void MonthDayRange_GivesTwoExpressions_AsTimeBankDoes()
    {
        var t = TimeExpressionTagger.Tag("The summit takes place Feb. 5-6 in Addis Ababa.", new DateTimeOffset(2023, 1, 20, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(2, t.Count);
        Assert.Equal(("Feb. 5", "2023-02-05"), (t[0].Text, t[0].Value));
        Assert.Equal(("6", "2023-02-06"), (t[1].Text, t[1].Value));
    }

    [Fact]
    public void MonthDayRange_WithYear_AppliesYearToBothDays()
    {
        var t = TimeExpressionTagger.Tag("Talks were held Feb. 5-6, 2019, in Geneva.", Wed);
        Assert.Equal(["2019-02-05", "2019-02-06"], t.Select(x => x.Value).ToArray());
        Assert.All(t, x => Assert.Equal(TimeAnchor.None, x.Anchor));
    }

    [Theory]
    [InlineData("The law took effect on March 3, 2021, after a long debate.", "March 3, 2021", "2021-03-03")]
    [InlineData("The law took effect on 3 March 2021 after a long debate.", "3 March 2021", "2021-03-03")]
    [InlineData("The filing, dated 2021-03-03, was made public.", "2021-03-03", "2021-03-03")]
    [InlineData("The filing, dated 03/04/2021, was made public.", "03/04/2021", "2021-03-04")]
    [InlineData("Sales collapsed in September 2008 as banks failed.", "September 2008", "2008-09")]
    [InlineData("Unemployment has fallen since 2018, the agency said.", "2018", "2018")]
    [InlineData("Grunge ruled the charts in the 1990s.", "the 1990s", "199")]
    [InlineData("It was the worst drought of the 21st century.", "the 21st century", "20")]
    [InlineData("Revenue fell in the third quarter of 2022.", "the third quarter of 2022", "2022-Q3")]
    [InlineData("The budget for fiscal 2024 was approved.", "fiscal 2024", "2024")]
    [InlineData("The bridge opened in the summer of 2016.", "the summer of 2016", "2016-SU")]
    [InlineData("Both Christmas 2019 and Easter 2020 were cancelled.", "Easter 2020", "2020-04-12")]
    public void AbsoluteDates(string text, string span, string value)
    {
        var t = Single(text, Wed, span);
        Assert.Equal("DATE", t.Type);
        Assert.Equal(value, t.Value);
        Assert.Equal(TimeAnchor.None, t.Anchor);
    }

    [Fact]
    public void YearRange_GivesTwoYears()
    {
        var t = TimeExpressionTagger.Tag("He served as mayor in 2009-13 before retiring.", Wed);
        Assert.Equal(["2009", "2013"], t.Select(x => x.Value).ToArray());
    }

    // ---------------------------------------------------------------- relative dates

    [Fact]
    public void EarlierThisMonth_IsTheAnchorMonth_WithStartMod()
    {
        var t = Single("The ministry announced the cuts earlier this month.", Wed, "earlier this month");
        Assert.Equal(("DATE", "2023-02", "START"), (t.Type, t.Value, t.Mod));
    }

    [Fact]
    public void InNovember_PastTense_IsLastNovember()
        => Check("The company was founded in November by two engineers.", Wed, "November", "DATE", "2022-11");

    [Fact]
    public void InNovember_FutureTense_IsNextNovember()
        => Check("Voters will go to the polls in November.", Wed, "November", "DATE", "2023-11");

    [Fact]
    public void InMarch_NearTheAnchor_IsTheNearestMarch()
        => Check("The new rules apply from March, officials said.", Wed, "March", "DATE", "2023-03");

    [Fact]
    public void ThisWeekend_FutureTense_IsTheComingWeekend()
        => Check("Fans will gather in the stadium this weekend.", Wed, "this weekend", "DATE", "2023-W07-WE");

    [Fact]
    public void ThisWeekend_ToldOnMonday_InPastTense_IsTheOneJustGone()
        => Check("Storms knocked out power to thousands this weekend.", Mon, "this weekend", "DATE", "2023-W07-WE");

    [Theory]
    [InlineData("Exports grew by 4% last year.", "last year", "2022")]
    [InlineData("Exports are expected to grow this year.", "this year", "2023")]
    [InlineData("The report is due next week.", "next week", "2023-W08")]
    [InlineData("The plant closed last month.", "last month", "2023-01")]
    [InlineData("The regime collapsed two years ago.", "two years ago", "2021")]
    [InlineData("The ship sank three days ago.", "three days ago", "2023-02-12")]
    [InlineData("The vote took place yesterday.", "yesterday", "2023-02-14")]
    [InlineData("The vote takes place today.", "today", "2023-02-15")]
    [InlineData("The vote takes place tomorrow.", "tomorrow", "2023-02-16")]
    [InlineData("Unrest grew last summer.", "last summer", "2022-SU")]
    [InlineData("Talks resume early next year.", "early next year", "2024")]
    public void RelativeDates(string text, string span, string value)
    {
        var t = Single(text, Wed, span);
        Assert.Equal("DATE", t.Type);
        Assert.Equal(value, t.Value);
        Assert.Equal(TimeAnchor.Publication, t.Anchor);
    }

    [Fact]
    public void PartOfDay_AndClockTimes_AreTimes()
    {
        Check("The explosion happened on Friday morning near the market.", Wed, "Friday morning", "TIME", "2023-02-10TMO");
        Check("Officials said the blast occurred at 10:35 a.m. local time.", Wed, "10:35 a.m.", "TIME", "2023-02-15T10:35");
        Check("Voting ends at 8 p.m. EST Thursday.", Wed, "8 p.m. EST Thursday", "TIME", "2023-02-16T20:00");
        Check("Rescue teams worked through the night after the quake struck last night.", Wed, "last night", "TIME", "2023-02-14TNI");
    }

    [Fact]
    public void Anaphora_TheNextDay_FollowsTheLastMentionedDay()
    {
        var t = TimeExpressionTagger.Tag("The rebels entered the town on Jan. 3, 2023. The next day the army withdrew.", Wed);
        Assert.Equal("2023-01-04", t.Single(x => x.Text == "The next day").Value);
    }

    // ---------------------------------------------------------------- durations

    [Theory]
    [InlineData("The trial lasted three years.", "three years", "P3Y")]
    [InlineData("The hostages were held for 48 hours.", "48 hours", "PT48H")]
    [InlineData("He signed a two-year contract with the club.", "two-year", "P2Y")]
    [InlineData("The project took 2 1/2 years to finish.", "2 1/2 years", "P2Y6M")]
    [InlineData("Prices have doubled over the past three months.", "the past three months", "P3M")]
    [InlineData("The fighting has continued for several weeks.", "several weeks", "PXW")]
    [InlineData("The siege lasted more than a decade.", "more than a decade", "P10Y")]
    [InlineData("He waited half an hour for the bus.", "half an hour", "PT30M")]
    public void Durations(string text, string span, string value)
    {
        var t = Single(text, Wed, span);
        Assert.Equal("DURATION", t.Type);
        Assert.Equal(value, t.Value);
    }

    [Fact]
    public void Ages_AreNotDurations()
    {
        Assert.Empty(TimeExpressionTagger.Tag("A 52-year-old man was detained.", Wed));
        Assert.Empty(TimeExpressionTagger.Tag("The driver, 34 years old, was unhurt.", Wed));
    }

    // ---------------------------------------------------------------- sets

    [Theory]
    [InlineData("The market opens every Monday.", "every Monday", "XXXX-WXX-1")]
    [InlineData("The index is updated weekly.", "weekly", "P1W")]
    [InlineData("The festival is held annually in the old town.", "annually", "P1Y")]
    [InlineData("The ferry sails twice a week.", "twice a week", "P1W")]
    [InlineData("Inspectors visit the site each month.", "each month", "P1M")]
    [InlineData("The shop is closed on Sundays.", "Sundays", "XXXX-WXX-7")]
    public void Sets(string text, string span, string value)
    {
        var t = Single(text, Wed, span);
        Assert.Equal("SET", t.Type);
        Assert.Equal(value, t.Value);
    }

    // ---------------------------------------------------------------- vague references

    [Theory]
    [InlineData("The company is now the largest employer in the region.", "now", "PRESENT_REF")]
    [InlineData("The rebels recently seized two towns.", "recently", "PAST_REF")]
    [InlineData("No decision is expected in the near future.", "the near future", "FUTURE_REF")]
    public void VagueReferences(string text, string span, string value) => Check(text, Wed, span, "DATE", value);

    // ---------------------------------------------------------------- no anchor

    [Fact]
    public void MissingAnchor_RelativeExpressions_AreUnknown_NeverGuessed()
    {
        var t = TimeExpressionTagger.Tag("The suspect was arrested on Saturday. Sales fell last year. The law dates from March 3, 2021.", anchor: null);
        var sat = t.Single(x => x.Text == "Saturday");
        Assert.Equal((TimeAnchor.Unknown, "XXXX-WXX-6"), (sat.Anchor, sat.Value));
        var last = t.Single(x => x.Text == "last year");
        Assert.Equal(TimeAnchor.Unknown, last.Anchor);
        Assert.Null(last.Value);
        var abs = t.Single(x => x.Text == "March 3, 2021");
        Assert.Equal((TimeAnchor.None, "2021-03-03"), (abs.Anchor, abs.Value));
    }

    [Fact]
    public void MissingAnchor_MonthWithoutYear_KeepsWhatIsKnown()
    {
        var t = Single("The hearing was moved to Feb. 5.", null, "Feb. 5");
        Assert.Equal(("XXXX-02-05", TimeAnchor.Unknown), (t.Value, t.Anchor));
    }

    // ---------------------------------------------------------------- false friends

    [Theory]
    [InlineData("May I ask a question?")]
    [InlineData("Jan Kowalski and June Carter performed.")]
    [InlineData("Prices fall when supply rises.")]
    [InlineData("The quarterly dividend is 20 cents.")]
    [InlineData("The A320 jet carried 150 passengers and 3,000 kilograms of cargo.")]
    public void FalseFriends_AreNotTagged(string text) => Assert.Empty(TimeExpressionTagger.Tag(text, Wed));

    [Fact]
    public void Offsets_SliceTheInputText()
    {
        const string text = "On Tuesday, Feb. 14, the parliament met; it will meet again in two weeks.";
        foreach (var t in TimeExpressionTagger.Tag(text, Wed))
            Assert.Equal(t.Text, text[t.Start..t.End]);
    }
}
